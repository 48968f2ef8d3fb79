package dev.bucketwarden.retro;

import org.junit.jupiter.api.Test;

import dev.bucketwarden.jobs.JobStore;
import dev.bucketwarden.local.LocalResources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack creates the jobs table itself (it cannot depend on the retro agent):
 * same table.
 */
class LocalStackConsistencyTests {

	@Test
	void shouldCreateTheJobsTableAsTheJobStoreDefinesIt() {
		assertThat(LocalResources.jobsTable())
			.isEqualTo(JobStore.tableDefinition(LocalResources.jobsTable().tableName()));
	}

}
