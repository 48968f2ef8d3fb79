package dev.bucketwarden.infra.aws.console;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientIdentityProvider;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.constructs.Construct;

/**
 * Cognito for people and for programs. People sign in to the console through the load
 * balancer (authorization code flow of the console client) and are admins or viewers by
 * group. Programs get client-credentials tokens with the {@code scan} scope of the API's
 * resource server and call the API agent, which validates them itself. People sign in
 * with a second factor (TOTP) unless the deployment's {@code mfa} setting says otherwise:
 * an admin's password alone must not be enough to change what is scanned.
 */
public final class ConsoleAuth extends Construct {

	public static final String RESOURCE_SERVER = "bucketwarden-api";

	public static final String SCAN_SCOPE = "scan";

	private final UserPool userPool;

	private final UserPoolClient consoleClient;

	private final UserPoolClient apiClient;

	private final UserPoolDomain domain;

	public static final String ADMIN_GROUP = "admin";

	public static final String VIEWER_GROUP = "viewer";

	/** Where Cognito sends the browser back to the console after sign-in. */
	public static final String CALLBACK_PATH = "/login/oauth2/code/console";

	/**
	 * @param mfa REQUIRED, OPTIONAL (a person may add a second factor) or OFF; TOTP only,
	 * never SMS (SIM swaps, and it would need an SMS role)
	 */
	public ConsoleAuth(Construct scope, String id, String domainPrefix, String consoleBaseUrl, Mfa mfa) {
		super(scope, id);
		this.userPool = UserPool.Builder.create(this, "UserPool")
			.userPoolName("bucketwarden")
			.selfSignUpEnabled(false)
			.signInAliases(SignInAliases.builder().email(true).build())
			.accountRecovery(AccountRecovery.EMAIL_ONLY)
			.mfa(mfa)
			.mfaSecondFactor((mfa != Mfa.OFF) ? MfaSecondFactor.builder().otp(true).sms(false).build() : null)
			.passwordPolicy(PasswordPolicy.builder().minLength(12).build())
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		group("AdminGroup", ADMIN_GROUP, "Changes settings, starts scans, manages quarantine", 1);
		group("ViewerGroup", VIEWER_GROUP, "Sees results, findings and settings", 2);
		this.domain = this.userPool.addDomain("Domain",
				software.amazon.awscdk.services.cognito.UserPoolDomainOptions.builder()
					.cognitoDomain(CognitoDomainOptions.builder().domainPrefix(domainPrefix).build())
					.build());
		ResourceServerScope scan = ResourceServerScope.Builder.create()
			.scopeName(SCAN_SCOPE)
			.scopeDescription("Scan content and objects with the API agent")
			.build();
		UserPoolResourceServer api = this.userPool.addResourceServer("ApiResourceServer",
				software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions.builder()
					.identifier(RESOURCE_SERVER)
					.userPoolResourceServerName("BucketWarden API")
					.scopes(List.of(scan))
					.build());
		this.consoleClient = this.userPool.addClient("ConsoleClient",
				software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
					.userPoolClientName("console")
					.generateSecret(true)
					.supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
					.oAuth(OAuthSettings.builder()
						.flows(OAuthFlows.builder().authorizationCodeGrant(true).build())
						.scopes(List.of(OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE))
						// Spring Security's redirect URI for the console's
						// registration "console".
						.callbackUrls(List.of(consoleBaseUrl + CALLBACK_PATH))
						// Sign-out comes back to the console's signed-out page (Cognito
						// redirects only to a registered logout_uri).
						.logoutUrls(List.of(consoleBaseUrl + "/", consoleBaseUrl + "/signed-out"))
						.build())
					.preventUserExistenceErrors(true)
					.accessTokenValidity(Duration.hours(1))
					.idTokenValidity(Duration.hours(1))
					// The console redeems it every few minutes to re-check a session's
					// groups; it must outlive the session (1 h).
					.refreshTokenValidity(Duration.hours(12))
					.build());
		this.apiClient = this.userPool.addClient("ApiClient",
				software.amazon.awscdk.services.cognito.UserPoolClientOptions.builder()
					.userPoolClientName("api-callers")
					.generateSecret(true)
					.supportedIdentityProviders(List.of(UserPoolClientIdentityProvider.COGNITO))
					.oAuth(OAuthSettings.builder()
						.flows(OAuthFlows.builder().clientCredentials(true).build())
						.scopes(List.of(OAuthScope.resourceServer(api, scan)))
						.build())
					.accessTokenValidity(Duration.hours(1))
					.build());
	}

	private void group(String id, String name, String description, int precedence) {
		CfnUserPoolGroup.Builder.create(this, id)
			.userPoolId(this.userPool.getUserPoolId())
			.groupName(name)
			.description(description)
			.precedence(precedence)
			.build();
	}

	public UserPool userPool() {
		return this.userPool;
	}

	public UserPoolClient consoleClient() {
		return this.consoleClient;
	}

	public UserPoolClient apiClient() {
		return this.apiClient;
	}

	public UserPoolDomain domain() {
		return this.domain;
	}

}
