/** The scan endpoints: scan a body, scan and store it, scan an existing S3 object. */
@NullMarked
package dev.bucketwarden.apiagent.scan;

import org.jspecify.annotations.NullMarked;
