package dev.bucketwarden.infra.aws.service;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One service's Fargate task: the service's container and, for scanning services, the
 * ClamAV sidecar (clamd and freshclam) in the same task, so clamd is on the task's
 * loopback and scales with the agents. Root file systems are read-only; each container
 * writes only to its own task-scoped scratch volumes. The service starts once clamd
 * answers, so no scan ever meets a clamd still loading its signatures.
 */
public final class ServiceTask extends Construct {

	/** clamd with the full signature set holds about 1.5 GiB. */
	static final int CLAMAV_MEMORY_MIB = 3072;

	/** The agents' {@code bucketwarden.usage.task-vcpu}. */
	static final String USAGE_TASK_VCPU = "BUCKETWARDEN_USAGE_TASKVCPU";

	/** The agents' {@code bucketwarden.usage.task-memory}. */
	static final String USAGE_TASK_MEMORY = "BUCKETWARDEN_USAGE_TASKMEMORY";

	private final FargateTaskDefinition taskDefinition;

	private final ContainerDefinition container;

	private final LogGroup logGroup;

	private ServiceTask(Construct scope, String id, Spec spec, IRole taskRole) {
		super(scope, id);
		this.logGroup = LogGroup.Builder.create(this, "Logs")
			.logGroupName("/bucketwarden/" + spec.name())
			.retention(retention(spec.logRetentionDays()))
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		this.taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
			.family("bucketwarden-" + spec.name())
			.taskRole(taskRole)
			.cpu(spec.cpu())
			.memoryLimitMiB(spec.memoryMiB())
			.ephemeralStorageGiB(spec.ephemeralStorageGiB())
			.runtimePlatform(RuntimePlatform.builder()
				.cpuArchitecture(CpuArchitecture.X86_64)
				.operatingSystemFamily(OperatingSystemFamily.LINUX)
				.build())
			.build();
		this.taskDefinition.addVolume(Volume.builder().name("app-tmp").build());
		ContainerDefinitionOptions.Builder options = ContainerDefinitionOptions.builder()
			.image(spec.image().image(this, spec.repositoryRoot()))
			.essential(true)
			.environment(environment(spec))
			.readonlyRootFilesystem(true)
			// The JVM sizes its heap from this limit; the rest of the task is clamd's.
			.memoryLimitMiB(spec.withClamav() ? spec.memoryMiB() - CLAMAV_MEMORY_MIB : spec.memoryMiB())
			.stopTimeout(Duration.seconds(120))
			.logging(LogDriver.awsLogs(
					AwsLogDriverProps.builder().logGroup(this.logGroup).streamPrefix(spec.image().folder()).build()));
		if (!spec.command().isEmpty()) {
			options.command(spec.command());
		}
		if (spec.port() > 0) {
			options.portMappings(List.of(PortMapping.builder().containerPort(spec.port()).build()));
		}
		this.container = this.taskDefinition.addContainer(spec.image().folder(), options.build());
		this.container
			.addMountPoints(MountPoint.builder().sourceVolume("app-tmp").containerPath("/tmp").readOnly(false).build());
		if (spec.withClamav()) {
			addClamav(spec);
		}
	}

	/**
	 * The container's environment: the spec's, and for an agent (every image but the
	 * console's; the retro scheduler too) its task's size, so that the console's cost
	 * estimate prices the compute it really runs on (docs/operations.md, unit economics).
	 */
	private static Map<String, String> environment(Spec spec) {
		if (spec.image() == ServiceImage.CONSOLE_SERVICE) {
			return spec.environment();
		}
		Map<String, String> environment = new LinkedHashMap<>(spec.environment());
		environment.put(USAGE_TASK_VCPU,
				BigDecimal.valueOf(spec.cpu()).divide(BigDecimal.valueOf(1024)).toPlainString());
		environment.put(USAGE_TASK_MEMORY, spec.memoryMiB() + "MB");
		return environment;
	}

	/** A service that scans: its container plus the ClamAV sidecar. */
	public static ServiceTask scanning(Construct scope, String id, Spec spec, IRole taskRole) {
		return new ServiceTask(scope, id, spec.withClamav(true), taskRole);
	}

	/** A service that does not scan (the console). */
	public static ServiceTask plain(Construct scope, String id, Spec spec, IRole taskRole) {
		return new ServiceTask(scope, id, spec.withClamav(false), taskRole);
	}

	private void addClamav(Spec spec) {
		this.taskDefinition.addVolume(Volume.builder().name("clamav-db").build());
		this.taskDefinition.addVolume(Volume.builder().name("clamav-tmp").build());
		ContainerDefinition clamav = this.taskDefinition.addContainer(ClamavSidecar.CONTAINER_NAME,
				ContainerDefinitionOptions.builder()
					.image(ServiceImage.CLAMAV.image(this, spec.repositoryRoot()))
					.essential(true)
					.readonlyRootFilesystem(true)
					// A soft limit: clamd needs about twice its usual memory while it
					// reloads.
					.memoryReservationMiB(CLAMAV_MEMORY_MIB)
					.healthCheck(HealthCheck.builder()
						.command(List.of("CMD", "/usr/local/bin/clamd-healthcheck"))
						.interval(Duration.seconds(30))
						.timeout(Duration.seconds(5))
						.retries(3)
						.startPeriod(Duration.seconds(ClamavSidecar.START_PERIOD_SECONDS))
						.build())
					.logging(LogDriver
						.awsLogs(AwsLogDriverProps.builder().logGroup(this.logGroup).streamPrefix("clamav").build()))
					.build());
		clamav.addMountPoints(
				MountPoint.builder().sourceVolume("clamav-db").containerPath("/var/lib/clamav").readOnly(false).build(),
				MountPoint.builder().sourceVolume("clamav-tmp").containerPath("/tmp").readOnly(false).build());
		this.container.addContainerDependencies(ContainerDependency.builder()
			.container(clamav)
			.condition(ContainerDependencyCondition.HEALTHY)
			.build());
	}

	public FargateTaskDefinition taskDefinition() {
		return this.taskDefinition;
	}

	public ContainerDefinition container() {
		return this.container;
	}

	public LogGroup logGroup() {
		return this.logGroup;
	}

	private static RetentionDays retention(int days) {
		for (RetentionDays retention : RetentionDays.values()) {
			if (retention != RetentionDays.INFINITE && retentionDays(retention) >= days) {
				return retention;
			}
		}
		return RetentionDays.INFINITE;
	}

	private static int retentionDays(RetentionDays retention) {
		return switch (retention) {
			case ONE_DAY -> 1;
			case THREE_DAYS -> 3;
			case FIVE_DAYS -> 5;
			case ONE_WEEK -> 7;
			case TWO_WEEKS -> 14;
			case ONE_MONTH -> 30;
			case TWO_MONTHS -> 60;
			case THREE_MONTHS -> 90;
			case FOUR_MONTHS -> 120;
			case FIVE_MONTHS -> 150;
			case SIX_MONTHS -> 180;
			case ONE_YEAR -> 365;
			case THIRTEEN_MONTHS -> 400;
			case EIGHTEEN_MONTHS -> 545;
			case TWO_YEARS -> 731;
			case THREE_YEARS -> 1096;
			case FIVE_YEARS -> 1827;
			case SIX_YEARS -> 2192;
			case SEVEN_YEARS -> 2557;
			case EIGHT_YEARS -> 2922;
			case NINE_YEARS -> 3288;
			case TEN_YEARS -> 3653;
			default -> Integer.MAX_VALUE;
		};
	}

	/**
	 * What a service's task is made of.
	 *
	 * @param image the service's image
	 * @param name the task definition's family ({@code bucketwarden-NAME}) and log group
	 * ({@code /bucketwarden/NAME}): the image's folder, unless one image serves two tasks
	 * @param command the container's arguments, or empty for the image's default
	 * @param repositoryRoot the repository, the services' build context
	 * @param environment the service's configuration (see {@link AgentEnvironment})
	 * @param port the container port the load balancer reaches, or 0
	 * @param cpu Fargate CPU units of the task
	 * @param memoryMiB the task's memory; clamd with the full signature set needs about
	 * 1.5 GiB, twice that while it reloads
	 * @param ephemeralStorageGiB the task's scratch space (API uploads are spooled there)
	 * @param logRetentionDays how long the task's logs are kept
	 * @param withClamav whether the sidecar runs in the task
	 */
	public record Spec(ServiceImage image, String name, List<String> command, Path repositoryRoot,
			Map<String, String> environment, int port, int cpu, int memoryMiB, int ephemeralStorageGiB,
			int logRetentionDays, boolean withClamav) {

		public Spec {
			command = List.copyOf(command);
		}

		public static Spec of(ServiceImage image, Path repositoryRoot, Map<String, String> environment,
				int logRetentionDays) {
			return new Spec(image, image.folder(), List.of(), repositoryRoot, environment, 0, 1024, 6144, 21,
					logRetentionDays, true);
		}

		public Spec withPort(int port) {
			return new Spec(this.image, this.name, this.command, this.repositoryRoot, this.environment, port, this.cpu,
					this.memoryMiB, this.ephemeralStorageGiB, this.logRetentionDays, this.withClamav);
		}

		public Spec withEphemeralStorageGiB(int gib) {
			return new Spec(this.image, this.name, this.command, this.repositoryRoot, this.environment, this.port,
					this.cpu, this.memoryMiB, gib, this.logRetentionDays, this.withClamav);
		}

		public Spec withSize(int cpu, int memoryMiB) {
			return new Spec(this.image, this.name, this.command, this.repositoryRoot, this.environment, this.port, cpu,
					memoryMiB, this.ephemeralStorageGiB, this.logRetentionDays, this.withClamav);
		}

		/** Another task of the same image: its own family and logs, and its arguments. */
		public Spec asTask(String name, List<String> command) {
			return new Spec(this.image, name, command, this.repositoryRoot, this.environment, this.port, this.cpu,
					this.memoryMiB, this.ephemeralStorageGiB, this.logRetentionDays, this.withClamav);
		}

		/** The same task with more settings. */
		public Spec withEnvironment(Map<String, String> more) {
			Map<String, String> environment = new LinkedHashMap<>(this.environment);
			environment.putAll(more);
			return new Spec(this.image, this.name, this.command, this.repositoryRoot, environment, this.port, this.cpu,
					this.memoryMiB, this.ephemeralStorageGiB, this.logRetentionDays, this.withClamav);
		}

		Spec withClamav(boolean withClamav) {
			return new Spec(this.image, this.name, this.command, this.repositoryRoot, this.environment, this.port,
					this.cpu, this.memoryMiB, this.ephemeralStorageGiB, this.logRetentionDays, withClamav);
		}

	}

}
