package dev.bucketwarden.agent.drift;

import org.jspecify.annotations.Nullable;

import dev.bucketwarden.store.drift.DriftKind;
import dev.bucketwarden.store.results.ResultStatus;

/** What a comparison of an object's result tags with its record found. */
public sealed interface TagCheck {

	/**
	 * Nothing disagrees: the result tag says what the record says, or the record says no
	 * tag was written and there is none.
	 */
	record Consistent() implements TagCheck {
	}

	/**
	 * No record and no result tag: never scanned (or scanned before records were kept).
	 * Not drift, and not Clean either: a scan job picks it up.
	 */
	record Unscanned() implements TagCheck {
	}

	/**
	 * The tag and the record disagree.
	 *
	 * @param kind how
	 * @param tagFound the result tag as found ({@code key=value}), or {@code null} when
	 * it is gone
	 * @param recorded the record's result, or {@code null} when there is no record
	 */
	record Drifted(DriftKind kind, @Nullable String tagFound, @Nullable ResultStatus recorded) implements TagCheck {
	}

}
