/**
 * What happens to an infected object version after its verdict is recorded: quarantined
 * under a key that always fits S3's limit, deleted, or kept; and what an earlier,
 * interrupted attempt's remediation came to when the object is gone.
 */
@NullMarked
package dev.bucketwarden.agent.remediation;

import org.jspecify.annotations.NullMarked;
