package dev.bucketwarden.agent.findings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.bucketwarden.agent.storage.StorageException;

/**
 * The three Security Hub calls the sink makes, as signed REST-JSON requests: the AWS
 * SDK's Security Hub client is not among the project's dependencies (the build's
 * repository lacks it), and these three are small. Requests are signed with the SDK's
 * SigV4 signer and the agent's credentials; any answer but 2xx, or no answer, is a
 * {@link StorageException}.
 */
final class SecurityHubApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Headers java.net.http sets itself and refuses to be given. */
	private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");

	/** GetFindings pages read at most when looking one finding up. */
	private static final int MAX_PAGES = 20;

	private final URI endpoint;

	private final String region;

	private final AwsCredentialsProvider credentials;

	private final Duration timeout;

	private final HttpClient http;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	/**
	 * @param endpoint {@code https://securityhub.<region>.amazonaws.com}, or a stand-in's
	 */
	SecurityHubApi(URI endpoint, String region, AwsCredentialsProvider credentials, Duration timeout) {
		this.endpoint = endpoint;
		this.region = region;
		this.credentials = credentials;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
	}

	static URI endpointOf(String region) {
		return URI.create("https://securityhub." + region + ".amazonaws.com");
	}

	/**
	 * BatchImportFindings (at most 100 findings, 240 KB each).
	 * @return the findings refused, by finding id: the error code and message
	 */
	Map<String, String> batchImportFindings(List<Map<String, Object>> findings) {
		Map<String, Object> answer = post("/findings/import", Map.of("Findings", findings));
		Map<String, String> failed = new LinkedHashMap<>();
		for (Map<String, Object> failure : list(answer.get("FailedFindings"))) {
			failed.put(String.valueOf(failure.get("Id")),
					failure.get("ErrorCode") + ": " + failure.get("ErrorMessage"));
		}
		Object failedCount = answer.get("FailedCount");
		if (failed.isEmpty() && failedCount instanceof Number count && count.intValue() > 0) {
			// A count without the list: nothing says which ones, so none went in for
			// sure.
			findings.forEach((finding) -> failed.put(String.valueOf(finding.get("Id")), "FailedCount " + count));
		}
		return failed;
	}

	/**
	 * BatchUpdateFindings of the workflow status (what the customer's side of a finding
	 * holds: BatchImportFindings sets it only when it creates the finding).
	 * @return the findings not updated, by finding id
	 */
	Map<String, String> updateWorkflow(String productArn, List<String> ids, String status) {
		List<Map<String, String>> identifiers = ids.stream()
			.map((id) -> Map.of("Id", id, "ProductArn", productArn))
			.toList();
		Map<String, Object> answer = post("/findings/batchupdate",
				Map.of("FindingIdentifiers", identifiers, "Workflow", Map.of("Status", status)));
		Map<String, String> failed = new LinkedHashMap<>();
		for (Map<String, Object> failure : list(answer.get("UnprocessedFindings"))) {
			Object identifier = failure.get("FindingIdentifier");
			String id = (identifier instanceof Map<?, ?> map) ? String.valueOf(map.get("Id")) : "?";
			failed.put(id, failure.get("ErrorCode") + ": " + failure.get("ErrorMessage"));
		}
		return failed;
	}

	/**
	 * The finding with this id from this product, if Security Hub has it. The filters ask
	 * for exactly that one; the answer is checked by id as well, and only a bounded
	 * number of pages is read.
	 */
	Map<String, Object> finding(String productArn, String id) {
		Map<String, Object> filters = Map.of("Id", List.of(Map.of("Value", id, "Comparison", "EQUALS")), "ProductArn",
				List.of(Map.of("Value", productArn, "Comparison", "EQUALS")));
		String token = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("Filters", filters);
			request.put("MaxResults", 100);
			if (token != null) {
				request.put("NextToken", token);
			}
			Map<String, Object> answer = post("/findings", request);
			for (Map<String, Object> finding : list(answer.get("Findings"))) {
				if (id.equals(finding.get("Id")) && productArn.equals(finding.get("ProductArn"))) {
					return finding;
				}
			}
			Object next = answer.get("NextToken");
			if (!(next instanceof String text) || text.isEmpty()) {
				return null;
			}
			token = text;
		}
		return null;
	}

	/** Every finding of the product (tests and checks: GetFindings, bounded pages). */
	List<Map<String, Object>> findings(String productArn) {
		List<Map<String, Object>> findings = new ArrayList<>();
		String token = null;
		for (int page = 0; page < MAX_PAGES; page++) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("Filters", Map.of("ProductArn", List.of(Map.of("Value", productArn, "Comparison", "EQUALS"))));
			request.put("MaxResults", 100);
			if (token != null) {
				request.put("NextToken", token);
			}
			Map<String, Object> answer = post("/findings", request);
			list(answer.get("Findings")).stream()
				.filter((finding) -> productArn.equals(finding.get("ProductArn")))
				.forEach(findings::add);
			Object next = answer.get("NextToken");
			if (!(next instanceof String text) || text.isEmpty()) {
				break;
			}
			token = text;
		}
		return findings;
	}

	private Map<String, Object> post(String path, Map<String, Object> body) {
		byte[] payload = JSON.writeValueAsBytes(body);
		SdkHttpFullRequest unsigned = SdkHttpFullRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(this.endpoint.resolve(path))
			.putHeader("Content-Type", "application/json")
			.build();
		SignedRequest signed;
		try {
			signed = this.signer.sign((request) -> request.identity(this.credentials.resolveCredentials())
				.request(unsigned)
				.payload(ContentStreamProvider.fromByteArray(payload))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "securityhub")
				.putProperty(AwsV4HttpSigner.REGION_NAME, this.region));
		}
		catch (RuntimeException ex) {
			throw new StorageException("Signing the Security Hub request " + path + " failed", ex);
		}
		SdkHttpRequest request = signed.request();
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
			.timeout(this.timeout)
			.POST(HttpRequest.BodyPublishers.ofByteArray(payload));
		request.headers().forEach((name, values) -> {
			if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
				values.forEach((value) -> builder.header(name, value));
			}
		});
		HttpResponse<String> response;
		try {
			response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new StorageException("Security Hub " + path + " failed: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new StorageException("Interrupted calling Security Hub " + path, ex);
		}
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			String text = response.body();
			throw new StorageException("Security Hub " + path + " answered HTTP " + response.statusCode() + ": "
					+ ((text.length() > 300) ? text.substring(0, 300) : text), null);
		}
		if (response.body().isBlank()) {
			return Map.of();
		}
		try {
			return JSON.readValue(response.body(), new TypeReference<>() {
			});
		}
		catch (JacksonException ex) {
			// A sink's failure is a StorageException, whatever broke.
			throw new StorageException("Security Hub " + path + " answered something that is not JSON", ex);
		}
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Object value) {
		return (value instanceof List<?> items) ? (List<Map<String, Object>>) items : List.of();
	}

}
