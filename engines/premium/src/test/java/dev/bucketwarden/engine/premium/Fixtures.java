package dev.bucketwarden.engine.premium;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

import dev.bucketwarden.engine.spi.EngineSettings;
import dev.bucketwarden.engine.spi.ObjectRef;
import dev.bucketwarden.engine.spi.ScanContext;
import dev.bucketwarden.engine.spi.ScanEngine;
import dev.bucketwarden.engine.spi.ScanEngineRegistry;
import dev.bucketwarden.engine.spi.Verdict;
import dev.bucketwarden.local.samples.Samples;

/** Sample content of real formats, made by real writers (POI, ImageIO, zip). */
final class Fixtures {

	/** ClamAV's harmless test executable (a real PE), from Debian's clamav-testfiles. */
	static final Path CLAM_EXE = Path.of("/usr/share/clamav-testfiles/clam.exe");

	private Fixtures() {
	}

	static ScanEngine engine(Map<String, String> settings) {
		return ScanEngineRegistry.load().create("premium", EngineSettings.of(settings));
	}

	static Verdict scan(ScanEngine engine, String name, byte[] content) {
		return scan(engine, new ObjectRef.Upload(name), content);
	}

	static Verdict scan(ScanEngine engine, ObjectRef object, byte[] content) {
		return engine.scan(new ByteArrayInputStream(content), ScanContext.of(object, content.length));
	}

	static byte[] exe() {
		try {
			return Files.readAllBytes(CLAM_EXE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Debian's clamav-testfiles are missing (bin/setup installs them)", ex);
		}
	}

	static byte[] elf() {
		try {
			return Files.readAllBytes(Path.of("/usr/bin/true"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] text() {
		return "Quarterly report\nRevenue went up, costs went down.\n".repeat(50).getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] pdf() {
		return ("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
				+ "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
			.getBytes(StandardCharsets.US_ASCII);
	}

	static byte[] png() {
		BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 3, 0xFF0000);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** A Word 97-2003 document (OLE2), with a VBA project when asked. */
	static byte[] ole2Document(boolean macros) {
		try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			fs.createDocument(new ByteArrayInputStream(Samples.random(5000, 7)), "WordDocument");
			fs.createDocument(new ByteArrayInputStream(new byte[4096]), "1Table");
			if (macros) {
				DirectoryEntry vba = fs.getRoot().createDirectory("Macros").createDirectory("VBA");
				vba.createDocument("_VBA_PROJECT", new ByteArrayInputStream(new byte[] { (byte) 0xCC, 0x61, 0, 0 }));
				vba.createDocument("dir", new ByteArrayInputStream(new byte[64]));
				vba.createDocument("ThisDocument", new ByteArrayInputStream(Samples.random(700, 8)));
			}
			fs.writeFilesystem(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A Word document in OOXML; macro-enabled ones carry word/vbaProject.bin. */
	static byte[] ooxmlDocument(boolean macros) {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("[Content_Types].xml", ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
				+ "package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
			.getBytes(StandardCharsets.UTF_8));
		entries.put("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>".getBytes(StandardCharsets.UTF_8));
		entries.put("word/document.xml", "<?xml version=\"1.0\"?><w:document><w:body>Hello</w:body></w:document>"
			.getBytes(StandardCharsets.UTF_8));
		if (macros) {
			entries.put("word/vbaProject.bin", ole2Document(true));
		}
		return Samples.zip(entries);
	}

	/** A zip whose single entry is {@code size} zeros: ratio about 1000 to 1. */
	static byte[] zipBomb(int size) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("zeros.txt"));
			byte[] zeros = new byte[1 << 16];
			for (int written = 0; written < size; written += zeros.length) {
				zip.write(zeros);
			}
			zip.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

}
