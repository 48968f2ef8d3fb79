package dev.bucketwarden.local.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AwsOperationTests {

	private static final String S3_AUTH = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=abc";

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					GET /bucket/dir/key.bin                                   |  | s3:GetObject
					GET /bucket/key?versionId=v1                              |  | s3:GetObject
					GET /bucket/key?partNumber=1                              |  | s3:GetObject
					HEAD /bucket/key?versionId=v1                             |  | s3:HeadObject
					PUT /bucket/key                                           |  | s3:PutObject
					PUT /bucket/key?tagging&versionId=v1                      |  | s3:PutObjectTagging
					PUT /bucket/key?tagging=                                  |  | s3:PutObjectTagging
					GET /bucket/key?tagging                                   |  | s3:GetObjectTagging
					DELETE /bucket/key?versionId=v1                           |  | s3:DeleteObject
					DELETE /bucket/key?tagging                                |  | s3:DeleteObjectTagging
					PUT /bucket/quarantine/key                                | x-amz-copy-source: src/key?versionId=v1 | s3:CopyObject
					GET /bucket?list-type=2&prefix=a                          |  | s3:ListObjectsV2
					GET /bucket?versions&prefix=a                             |  | s3:ListObjectVersions
					GET /bucket/?versions                                     |  | s3:ListObjectVersions
					GET /bucket                                               |  | s3:ListObjects
					HEAD /bucket                                              |  | s3:HeadBucket
					PUT /bucket                                               |  | s3:CreateBucket
					PUT /bucket?versioning                                    |  | s3:PutBucketVersioning
					GET /bucket?notification                                  |  | s3:GetBucketNotificationConfiguration
					GET /bucket?location                                      |  | s3:GetBucketLocation
					DELETE /bucket                                            |  | s3:DeleteBucket
					POST /bucket?delete                                       |  | s3:DeleteObjects
					POST /bucket/key?uploads                                  |  | s3:CreateMultipartUpload
					PUT /bucket/key?partNumber=2&uploadId=u1                  |  | s3:UploadPart
					PUT /bucket/key?partNumber=2&uploadId=u1                  | x-amz-copy-source: src/key | s3:UploadPartCopy
					POST /bucket/key?uploadId=u1                              |  | s3:CompleteMultipartUpload
					DELETE /bucket/key?uploadId=u1                            |  | s3:AbortMultipartUpload
					GET /bucket/key?uploadId=u1                               |  | s3:ListParts
					GET /                                                     |  | s3:ListBuckets
					PATCH /bucket/key                                         |  | s3:Unknown
					POST /bucket/key                                          |  | s3:Unknown
					""")
	void shouldNameS3OperationsByMethodPathAndQuery(String requestLine, String header, String expected) {
		String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1:9000\r\n" + S3_AUTH + "\r\n"
				+ ((header != null) ? header + "\r\n" : "");

		assertThat(AwsOperation.parse(head)).hasToString(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			AmazonSQS.DeleteMessage            | sqs:DeleteMessage
			AmazonSQS.DeleteMessageBatch       | sqs:DeleteMessageBatch
			AmazonSQS.ReceiveMessage           | sqs:ReceiveMessage
			DynamoDB_20120810.PutItem          | dynamodb:PutItem
			DynamoDB_20120810.TransactWriteItems | dynamodb:TransactWriteItems
			AmazonSSM.GetParameter             | ssm:GetParameter
			AWSEvents.PutEvents                | events:PutEvents
			""")
	void shouldNameJsonProtocolOperationsByTheirTarget(String target, String expected) {
		String head = "POST / HTTP/1.1\r\nHost: localhost:9324\r\nX-Amz-Target: " + target
				+ "\r\nContent-Type: application/x-amz-json-1.0\r\n";

		assertThat(AwsOperation.parse(head)).hasToString(expected);
	}

	@Test
	void shouldTakeTheServiceOfAnUnknownTargetPrefixFromTheCredentialScope() {
		String head = "POST / HTTP/1.1\nX-Amz-Target: SomeService_2020.DoIt\n"
				+ "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/some/aws4_request, SignedHeaders=host, Signature=abc\n";

		assertThat(AwsOperation.parse(head)).isEqualTo(new AwsOperation("some", "DoIt"));
	}

	@Test
	void shouldNameAQueryProtocolRequestByItsActionOrCallItUnknown() {
		String scope = "Authorization: AWS4-HMAC-SHA256 Credential=AKID/20261206/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=abc\r\n";

		assertThat(
				AwsOperation.parse("POST / HTTP/1.1\r\n" + scope + "Content-Type: application/x-www-form-urlencoded"))
			.hasToString("sqs:Unknown");
		assertThat(AwsOperation.parse("GET /?Action=SendMessage&Version=2012-11-05 HTTP/1.1\r\n" + scope))
			.hasToString("sqs:SendMessage");
	}

	@Test
	void shouldSelectTheExactOperationItsBatchFormOrAPrefixEndingInAStar() {
		AwsOperation getObject = AwsOperation.valueOf("s3:GetObject");
		AwsOperation getTagging = AwsOperation.valueOf("s3:GetObjectTagging");
		AwsOperation deleteBatch = AwsOperation.valueOf("sqs:DeleteMessageBatch");

		assertThat(getObject.matches("s3:GetObject")).isTrue();
		assertThat(getTagging.matches("s3:GetObject")).isFalse();
		assertThat(getTagging.matches("s3:GetObject*")).isTrue();
		assertThat(getTagging.matches("s3:*")).isTrue();
		assertThat(getTagging.matches("*")).isTrue();
		assertThat(deleteBatch.matches("sqs:DeleteMessage")).isTrue();
		assertThat(deleteBatch.matches("sqs:DeleteMessageBatch")).isTrue();
		assertThat(AwsOperation.valueOf("sqs:DeleteMessage").matches("sqs:DeleteMessageBatch")).isFalse();
		assertThat(getObject.matches("dynamodb:*")).isFalse();
	}

	@Test
	void shouldRefuseAnOperationWithoutAService() {
		assertThatIllegalArgumentException().isThrownBy(() -> AwsOperation.valueOf("GetObject"));
	}

}
