/** The scan endpoints: scan a body, scan and store it, scan an existing S3 object. */
package dev.bucketwarden.apiagent.scan;
