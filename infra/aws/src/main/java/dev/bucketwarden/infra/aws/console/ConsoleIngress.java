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
import software.amazon.awscdk.services.elasticloadbalancingv2.actions.AuthenticateCognitoAction;
import software.constructs.Construct;

import dev.bucketwarden.infra.aws.service.AgentEnvironment;

/**
 * The load balancer: HTTPS only (HTTP redirects), with the certificate of the stack's
 * {@code CertificateArn} parameter. The console is behind Cognito authentication at the
 * load balancer; {@code /api/*} goes to the API agents unauthenticated here, because they
 * validate client-credentials JWTs themselves (programs cannot follow a login redirect).
 */
public final class ConsoleIngress extends Construct {

	public static final String API_PATH = "/api/*";

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
		this.consoleTargets = targets("ConsoleTargets", vpc, "/actuator/health");
		this.apiTargets = targets("ApiTargets", vpc, "/actuator/health/readiness");
	}

	/** The HTTPS listener, once Cognito's console client exists. */
	public void listen(ConsoleAuth auth) {
		this.https = this.loadBalancer.addListener("Https",
				BaseApplicationListenerProps.builder()
					.protocol(ApplicationProtocol.HTTPS)
					.port(443)
					.sslPolicy(SslPolicy.RECOMMENDED_TLS)
					.certificates(List.of(ListenerCertificate.fromArn(this.certificateArn.getValueAsString())))
					.defaultAction(AuthenticateCognitoAction.Builder.create()
						.userPool(auth.userPool())
						.userPoolClient(auth.consoleClient())
						.userPoolDomain(auth.domain())
						.sessionTimeout(Duration.hours(8))
						.next(ListenerAction.forward(List.of(this.consoleTargets)))
						.build())
					.build());
		ApplicationListenerRule.Builder.create(this, "ApiRule")
			.listener(this.https)
			.priority(10)
			.conditions(List.of(ListenerCondition.pathPatterns(List.of(API_PATH))))
			.action(ListenerAction.forward(List.of(this.apiTargets)))
			.build();
	}

	private ApplicationTargetGroup targets(String id, IVpc vpc, String healthPath) {
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
				.build())
			.build();
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
