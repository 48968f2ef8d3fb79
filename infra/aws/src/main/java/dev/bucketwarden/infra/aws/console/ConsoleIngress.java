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

	/** How long a new API agent takes to get its full share of requests. */
	public static final Duration API_SLOW_START = Duration.seconds(90);

	private final ApplicationLoadBalancer loadBalancer;

	private final ApplicationTargetGroup consoleTargets;

	private final ApplicationTargetGroup apiTargets;

	private final CfnParameter certificateArn;

	private ApplicationListener https;

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

}
