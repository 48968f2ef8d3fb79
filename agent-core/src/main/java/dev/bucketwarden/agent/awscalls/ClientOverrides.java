package dev.bucketwarden.agent.awscalls;

import java.util.function.UnaryOperator;

import software.amazon.awssdk.core.client.builder.SdkClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/**
 * Changes a client builder's override configuration while keeping what it already has:
 * several of our interceptors and bounds go onto the same builders (Spring Cloud AWS's
 * customizers run one after the other), and setting a fresh configuration would drop the
 * ones added before.
 */
public final class ClientOverrides {

	private ClientOverrides() {
	}

	/**
	 * @param builder a client's builder, before {@code build()}
	 * @param change what to add to its current override configuration
	 */
	public static void change(SdkClientBuilder<?, ?> builder,
			UnaryOperator<ClientOverrideConfiguration.Builder> change) {
		ClientOverrideConfiguration current = builder.overrideConfiguration();
		ClientOverrideConfiguration.Builder override = (current != null) ? current.toBuilder()
				: ClientOverrideConfiguration.builder();
		builder.overrideConfiguration(change.apply(override).build());
	}

}
