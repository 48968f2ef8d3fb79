package dev.bucketwarden.eventagent;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.awspring.cloud.autoconfigure.s3.S3ClientCustomizer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Cuts the body of a GET of chosen keys halfway, as a connection reset mid-body does: the
 * agent's S3 client reads half the object, then an I/O error. S3Mock cannot do this, so
 * the corpus' "truncated S3 body" cases cut it in the agent's own client, below
 * everything the agent does with the stream.
 */
@TestConfiguration(proxyBeanMethods = false)
class CutS3Bodies {

	/** Keys whose bodies are cut, with how many more GETs of each to cut. */
	static final Map<String, AtomicInteger> CUTS = new ConcurrentHashMap<>();

	static void cut(String key, int times) {
		CUTS.put(key, new AtomicInteger(times));
	}

	@Bean
	S3ClientCustomizer cutS3Bodies() {
		return (builder) -> {
			ClientOverrideConfiguration current = builder.overrideConfiguration();
			ClientOverrideConfiguration.Builder override = (current != null) ? current.toBuilder()
					: ClientOverrideConfiguration.builder();
			builder.overrideConfiguration(override.addExecutionInterceptor(new Cutter()).build());
		};
	}

	private static final class Cutter implements ExecutionInterceptor {

		@Override
		public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
				ExecutionAttributes attributes) {
			if (context.request() instanceof GetObjectRequest get && context.responseBody().isPresent()) {
				AtomicInteger left = CUTS.get(get.key());
				if (left != null && left.getAndDecrement() > 0) {
					long length = context.httpResponse()
						.firstMatchingHeader("Content-Length")
						.map(Long::parseLong)
						.orElse(0L);
					return Optional.of(new CutStream(context.responseBody().get(), length / 2));
				}
			}
			return context.responseBody();
		}

	}

	/** Gives the first bytes, then fails as a reset connection does. */
	private static final class CutStream extends FilterInputStream {

		private long left;

		CutStream(InputStream in, long cutAfter) {
			super(in);
			this.left = cutAfter;
		}

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : (one[0] & 0xFF);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			if (this.left <= 0) {
				throw new IOException("Connection reset (the corpus cut this body halfway)");
			}
			int n = this.in.read(buffer, offset, (int) Math.min(length, this.left));
			if (n > 0) {
				this.left -= n;
			}
			return n;
		}

	}

}
