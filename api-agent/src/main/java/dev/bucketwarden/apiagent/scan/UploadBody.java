package dev.bucketwarden.apiagent.scan;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

import org.springframework.http.HttpStatus;

/**
 * The content of a scan request, streamed: a raw body ({@code application/octet-stream}),
 * or the {@code file} field of a {@code multipart/form-data} body, read as the bytes
 * arrive (Spring's multipart handling is off: it would spool every part first).
 *
 * @param content the bytes, not yet read
 * @param name the file name the client gave, if any
 * @param contentType the declared content type, if any
 * @param length the declared length, or -1
 */
record UploadBody(InputStream content, String name, String contentType, long length) {

	static UploadBody of(HttpServletRequest request, long maxSize) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxSize) {
			throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
					"The body of " + declared + " bytes is over the limit of " + maxSize + " bytes", null);
		}
		if (JakartaServletFileUpload.isMultipartContent(request)) {
			FileItemInputIterator items = new JakartaServletFileUpload<>().getItemIterator(request);
			while (items.hasNext()) {
				FileItemInput item = items.next();
				if (!item.isFormField() && "file".equals(item.getFieldName())) {
					return new UploadBody(item.getInputStream(), item.getName(), item.getContentType(), -1);
				}
			}
			throw new ApiException(HttpStatus.BAD_REQUEST, "The multipart body has no 'file' field", null);
		}
		String name = request.getHeader("X-File-Name");
		return new UploadBody(request.getInputStream(), (name != null) ? name : "body", request.getContentType(),
				declared);
	}

}
