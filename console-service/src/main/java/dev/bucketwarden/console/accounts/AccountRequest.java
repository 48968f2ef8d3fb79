package dev.bucketwarden.console.accounts;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.accounts.AccountQuarantine;

/**
 * An account to link, as the API and the page's form send it. The external id is not part
 * of it: the console makes it.
 *
 * @param accountId the 12-digit account id
 * @param name what people call it (the id when empty)
 * @param roleArn the role BucketWarden assumes in it
 * @param quarantine where its infected objects go ({@code IN_ACCOUNT} when unset)
 * @param quarantineBucket the account's own quarantine bucket ({@code IN_ACCOUNT})
 */
public record AccountRequest(@Nullable String accountId, @Nullable String name, @Nullable String roleArn,
		@Nullable AccountQuarantine quarantine, @Nullable String quarantineBucket) {
}
