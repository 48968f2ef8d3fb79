package dev.bucketwarden.bench.event;

/**
 * The Fargate task the agents run in, for pricing CPU time: infra/aws's default
 * ({@code ServiceTask.Spec}: 1 vCPU, 6 GiB, the agent and its clamd sidecar sharing
 * them). A CPU-second is priced as a second of a task that is busy on every vCPU, with
 * the task's memory for that second: what a task kept busy by the backlog scaling costs
 * per unit of work. An idle or half-busy task costs more per object.
 *
 * @param vcpus the task's vCPUs
 * @param memoryGb the task's memory in GB
 */
record TaskSize(double vcpus, double memoryGb) {

	static final TaskSize AGENT_TASK = new TaskSize(1, 6);

	/** Dollars per CPU-second: a vCPU-second plus its share of the task's memory. */
	double dollarsPerCpuSecond(AwsPrices prices) {
		return (prices.fargateVcpuHour() + this.memoryGb / this.vcpus * prices.fargateGbHour()) / 3600;
	}

}
