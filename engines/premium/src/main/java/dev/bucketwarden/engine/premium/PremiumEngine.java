package dev.bucketwarden.engine.premium;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import dev.bucketwarden.engine.spi.EngineException;
import dev.bucketwarden.engine.spi.EngineInfo;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.engine.spi.io.SpoolFiles;

/**
 * The premium engine: policy checks that need no signature feed, in one streaming pass
 * over the content (memory does not grow with its size): the true type from the first
 * bytes against the name, blocked types and macros, archives walked entry by entry with
 * their limits, the SHA-256 of every byte against the blocklist, and YARA rules on a
 * spooled copy when configured. Policy hits are infected ({@code BucketWarden.Policy.*})
 * or unscannable, as the policy says; clean means every byte was read and no rule hit.
 */
public final class PremiumEngine implements ScanEngine {

	private static final String PRODUCT = "BucketWarden Premium 1 (Tika "
			+ Optional.ofNullable(org.apache.tika.Tika.class.getPackage().getImplementationVersion()).orElse("3") + ")";

	private final String id;

	private final PremiumSettings settings;

	private final ContentChecks checks = new ContentChecks(new TypeDetector());

	private final Blocklist blocklist;

	private final Yara yara;

	public PremiumEngine(String id, PremiumSettings settings) {
		this.id = id;
		this.settings = settings;
		this.blocklist = (settings.blocklist() != null)
				? new Blocklist(settings.blocklist(), settings.blocklistRefresh()) : null;
		this.yara = (settings.yaraRules() != null) ? new Yara(settings.yaraCommand(), settings.yaraRules(),
				settings.yaraCompiled(), settings.yaraTimeout()) : null;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Verdict scan(InputStream content, ScanContext context) {
		PolicyHits findings = new PolicyHits(this.settings.policyFor(bucket(context.object())));
		if (this.blocklist != null) {
			// Before reading: a blocklist that cannot be loaded fails the scan.
			this.blocklist.current();
		}
		MessageDigest sha256 = sha256();
		Path spool = (this.yara != null) ? createSpool() : null;
		try (OutputStream copy = (spool != null) ? new BufferedOutputStream(Files.newOutputStream(spool), 1 << 16)
				: null) {
			SourceGuard source = new SourceGuard(content, sha256, copy);
			inspect(source, context, findings);
			if (copy != null) {
				copy.flush();
			}
			String hash = HexFormat.of().formatHex(sha256.digest());
			if (this.blocklist != null) {
				this.blocklist.lookup(hash)
					.ifPresent((name) -> findings.hit(Rule.BLOCKLISTED,
							Rule.BLOCKLISTED.signature() + (name.isEmpty() ? "" : "." + name), "sha256 " + hash));
			}
			if (spool != null) {
				this.yara.scan(spool).forEach(findings::infected);
			}
			return findings.verdict();
		}
		catch (IOException ex) {
			throw EngineException.engineFailure("Cannot spool the content for yara: " + ex);
		}
		finally {
			if (spool != null) {
				SpoolFiles.deleteQuietly(spool);
			}
		}
	}

	/** Runs the checks, then reads what they left, so the hash covers every byte. */
	private void inspect(SourceGuard source, ScanContext context, PolicyHits findings) {
		try {
			this.checks.check(source, name(context.object()), context.object().describe(), 0, new ScanState(findings));
			source.transferTo(OutputStreams.NULL);
		}
		catch (IOException ex) {
			throw EngineException.contentRead("Reading the content failed: " + ex.getMessage(), ex);
		}
		if (source.sourceFailure() != null) {
			throw EngineException.contentRead("Reading the content failed: " + source.sourceFailure().getMessage(),
					source.sourceFailure());
		}
	}

	@Override
	public EngineInfo info() {
		return new EngineInfo(this.id, PRODUCT, signatureVersion(), null);
	}

	/**
	 * Loads the blocklist if it is due, so that health shows a blocklist that cannot be
	 * loaded.
	 */
	@Override
	public EngineInfo probe() {
		if (this.blocklist != null) {
			this.blocklist.current();
		}
		return info();
	}

	/**
	 * The engine has no signature feed; its "signatures" are the blocklist and YARA rules
	 * the operator maintains, so no signature date is reported (and freshness checks do
	 * not apply).
	 */
	private String signatureVersion() {
		if (this.blocklist == null && this.yara == null) {
			return null;
		}
		StringBuilder version = new StringBuilder();
		if (this.blocklist != null) {
			version.append("blocklist:").append(this.blocklist.version());
		}
		if (this.yara != null) {
			version.append((version.length() > 0) ? " " : "").append("yara:").append(this.yara.version());
		}
		return version.toString();
	}

	private Path createSpool() {
		try {
			Files.createDirectories(this.settings.spoolDirectory());
			return SpoolFiles.create(this.settings.spoolDirectory(), "bw-premium-", ".bin");
		}
		catch (IOException ex) {
			throw EngineException.engineFailure("Cannot create a spool file for yara: " + ex);
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String bucket(ObjectRef object) {
		return (object instanceof ObjectRef.S3Object s3) ? s3.bucket() : null;
	}

	/** The file name the object claims: the last part of its key, path or upload name. */
	static String name(ObjectRef object) {
		String path = switch (object) {
			case ObjectRef.S3Object s3 -> s3.key();
			case ObjectRef.LocalFile file -> file.path();
			case ObjectRef.Upload upload -> upload.name();
		};
		int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
		return path.substring(slash + 1);
	}

}
