package dev.bucketwarden.local.s3events;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationApiTests {

	@Test
	void shouldRecogniseTheBucketNotificationApi() {
		assertThat(NotificationApi.bucketOf("GET", URI.create("/uploads?notification"))).contains("uploads");
		assertThat(NotificationApi.bucketOf("PUT", URI.create("/uploads/?notification="))).contains("uploads");
		assertThat(NotificationApi.bucketOf("GET", URI.create("/uploads?notifications"))).isEmpty();
		assertThat(NotificationApi.bucketOf("GET", URI.create("/uploads/key?notification"))).isEmpty();
		assertThat(NotificationApi.bucketOf("DELETE", URI.create("/uploads?notification"))).isEmpty();
		assertThat(NotificationApi.bucketOf("GET", URI.create("/uploads?list-type=2"))).isEmpty();
	}

	@Test
	void shouldRecogniseDeleteBucketButNotTheDeleteOfASubResource() {
		assertThat(NotificationApi.deletedBucket("DELETE", URI.create("/uploads"))).contains("uploads");
		assertThat(NotificationApi.deletedBucket("DELETE", URI.create("/uploads?tagging"))).isEmpty();
		assertThat(NotificationApi.deletedBucket("DELETE", URI.create("/uploads/key"))).isEmpty();
		assertThat(NotificationApi.deletedBucket("GET", URI.create("/uploads"))).isEmpty();
	}

}
