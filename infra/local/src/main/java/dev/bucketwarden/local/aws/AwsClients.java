package dev.bucketwarden.local.aws;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

import dev.bucketwarden.local.support.AwsEmulator;

/**
 * SDK clients for an emulator: its endpoint, region and fake credentials. The caller
 * closes them.
 */
public final class AwsClients {

	private AwsClients() {
	}

	/** Path-style, as S3Mock requires: it cannot serve bucket names as host names. */
	public static S3Client s3(AwsEmulator emulator) {
		return s3(emulator.endpoint());
	}

	/**
	 * An S3 client for any local endpoint, such as the S3 event relay in front of S3Mock.
	 */
	public static S3Client s3(URI endpoint) {
		return s3Builder(endpoint).build();
	}

	/**
	 * The builder of {@link #s3(URI)}'s client, for a test that adds to its configuration
	 * (an interceptor, a retry strategy).
	 */
	public static S3ClientBuilder s3Builder(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create())
			.forcePathStyle(true);
	}

	public static SqsClient sqs(AwsEmulator emulator) {
		return sqsBuilder(emulator.endpoint()).build();
	}

	/**
	 * An SQS client builder for any local endpoint, such as a fault-injecting proxy in
	 * front of ElasticMQ.
	 */
	public static SqsClientBuilder sqsBuilder(URI endpoint) {
		return SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create());
	}

	public static DynamoDbClient dynamoDb(AwsEmulator emulator) {
		return dynamoDbBuilder(emulator).build();
	}

	/** The builder of {@link #dynamoDb}'s client, for a test that adds to it. */
	public static DynamoDbClientBuilder dynamoDbBuilder(AwsEmulator emulator) {
		return dynamoDbBuilder(emulator.endpoint());
	}

	/**
	 * A DynamoDB client builder for any local endpoint, such as a fault-injecting proxy
	 * in front of DynamoDB Local.
	 */
	public static DynamoDbClientBuilder dynamoDbBuilder(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.of(AwsEmulator.REGION))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(AwsEmulator.ACCESS_KEY_ID, AwsEmulator.SECRET_ACCESS_KEY)))
			.httpClient(UrlConnectionHttpClient.create());
	}

}
