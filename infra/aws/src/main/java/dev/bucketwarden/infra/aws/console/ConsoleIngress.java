package dev.bucketwarden.infra.aws.console;

import java.util.List;

import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.service.AgentEnvironment;

/**
 * The load balancer: HTTPS only (HTTP redirects), with the certificate of the stack's
 * {@code CertificateArn} parameter. The API agents' paths go to the API agents, which
 * validate client-credentials JWTs themselves (programs cannot follow a login redirect);
 * everything else goes to the console, which signs people in with Cognito itself (OIDC
 * authorization code flow) and takes bearer tokens on its own REST API, so the load
 * balancer does not authenticate (its Cognito action would redirect API callers too).
 */
public final class ConsoleIngress extends Construct {

	/** The API agent's endpoints; the console's REST API is the rest of /api/v1. */
	public static final List<String> API_PATHS = List.of("/api/v1/scan", "/api/v1/scan/*", "/api/v1/upload");

	/** The web ACL's rate-based rule (also its CloudWatch metric). */
	public static final String RATE_RULE = "requests-per-ip";

	/** How long a new API agent takes to get its full share of requests. */
	public static final Duration API_SLOW_START = Duration.seconds(90);

	private final ApplicationLoadBalancer loadBalancer;

	private final ApplicationTargetGroup consoleTargets;

	private final ApplicationTargetGroup apiTargets;

	private final CfnParameter certificateArn;

	private ApplicationListener https;

	private CfnWebACL webAcl;

	public ConsoleIngress(Construct scope, String id, IVpc vpc) {
		super(scope, id);
		this.certificateArn = CfnParameter.Builder.create(scope, "CertificateArn")
			.type("String")
			.allowedPattern("^arn:aws[a-z-]*:acm:.+$")
			.description("ACM certificate of the console's domain name, for the HTTPS listener")
			.build();
		this.loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
			.vpc(vpc)
			.internetFacing(true)
			.dropInvalidHeaderFields(true)
			// Large uploads are scanned before the API answers.
			.idleTimeout(Duration.minutes(5))
			.build();
		this.loadBalancer.addRedirect();
		this.consoleTargets = targets("ConsoleTargets", vpc, "/actuator/health").build();
		// A new API agent compiles its request path for its first tens of thousands of
		// requests (bin/bench api: the JIT took 20-45% of its CPU for the first 40 s at
		// full load on 2 vCPUs, and its CPU per request fell from 2.2 ms to 0.6 ms):
		// while it scales out, it gets a share that grows over 90 s instead of a full
		// one.
		this.apiTargets = targets("ApiTargets", vpc, "/actuator/health/readiness").slowStart(API_SLOW_START).build();
	}

	/** The HTTPS listener. */
	public void listen() {
		this.https = this.loadBalancer.addListener("Https",
				BaseApplicationListenerProps.builder()
					.protocol(ApplicationProtocol.HTTPS)
					.port(443)
					.sslPolicy(SslPolicy.RECOMMENDED_TLS)
					.certificates(List.of(ListenerCertificate.fromArn(this.certificateArn.getValueAsString())))
					.defaultAction(ListenerAction.forward(List.of(this.consoleTargets)))
					.build());
		ApplicationListenerRule.Builder.create(this, "ApiRule")
			.listener(this.https)
			.priority(10)
			.conditions(List.of(ListenerCondition.pathPatterns(API_PATHS)))
			.action(ListenerAction.forward(List.of(this.apiTargets)))
			.build();
	}

	/**
	 * An AWS WAF web ACL on the load balancer (console and API agents) with one
	 * rate-based rule: an IP address that sends more than the limit within 5 minutes gets
	 * 429 until its rate falls below it. A stolen or leaked client secret, or a script
	 * hammering sign-in, is slowed at the edge before it costs scans.
	 * @param requestsPer5Minutes the limit per IP address (AWS WAF evaluates it over a
	 * sliding 5-minute window)
	 */
	public void limitRequests(int requestsPer5Minutes) {
		this.webAcl = CfnWebACL.Builder.create(this, "WebAcl")
			.name("bucketwarden-console")
			.description("BucketWarden console and API: requests per IP address")
			.scope("REGIONAL")
			.defaultAction(CfnWebACL.DefaultActionProperty.builder()
				.allow(CfnWebACL.AllowActionProperty.builder().build())
				.build())
			.visibilityConfig(visibility("bucketwarden-console"))
			.rules(List.of(CfnWebACL.RuleProperty.builder()
				.name(RATE_RULE)
				.priority(0)
				.statement(CfnWebACL.StatementProperty.builder()
					.rateBasedStatement(CfnWebACL.RateBasedStatementProperty.builder()
						.limit(requestsPer5Minutes)
						.evaluationWindowSec(300)
						.aggregateKeyType("IP")
						.build())
					.build())
				.action(CfnWebACL.RuleActionProperty.builder()
					.block(CfnWebACL.BlockActionProperty.builder()
						.customResponse(CfnWebACL.CustomResponseProperty.builder()
							.responseCode(429)
							.responseHeaders(List.of(CfnWebACL.CustomHTTPHeaderProperty.builder()
								.name("Retry-After")
								.value("300")
								.build()))
							.build())
						.build())
					.build())
				.visibilityConfig(visibility(RATE_RULE))
				.build()))
			.build();
		CfnWebACLAssociation.Builder.create(this, "WebAclAssociation")
			.resourceArn(this.loadBalancer.getLoadBalancerArn())
			.webAclArn(this.webAcl.getAttrArn())
			.build();
	}

	private static CfnWebACL.VisibilityConfigProperty visibility(String metric) {
		return CfnWebACL.VisibilityConfigProperty.builder()
			.cloudWatchMetricsEnabled(true)
			.metricName(metric)
			.sampledRequestsEnabled(true)
			.build();
	}

	private ApplicationTargetGroup.Builder targets(String id, IVpc vpc, String healthPath) {
		return ApplicationTargetGroup.Builder.create(this, id)
			.vpc(vpc)
			.targetType(TargetType.IP)
			.protocol(ApplicationProtocol.HTTP)
			.port(AgentEnvironment.HTTP_PORT)
			.deregistrationDelay(Duration.seconds(60))
			.healthCheck(HealthCheck.builder()
				.path(healthPath)
				.healthyHttpCodes("200")
				.interval(Duration.seconds(15))
				.build());
	}

	public ApplicationLoadBalancer loadBalancer() {
		return this.loadBalancer;
	}

	public ApplicationTargetGroup consoleTargets() {
		return this.consoleTargets;
	}

	public ApplicationTargetGroup apiTargets() {
		return this.apiTargets;
	}

	public ApplicationListener https() {
		return this.https;
	}

	/** The web ACL, or null without {@link #limitRequests}. */
	public CfnWebACL webAcl() {
		return this.webAcl;
	}

}
