// FileHandler: uploading files (page view form and API), downloading them, and the file page
// that shows the text of each slide or page.
#pragma once

#include <nlohmann/json.hpp>

#include "core/File.h"
#include "http/Request.h"
#include "http/Services.h"
#include "http/Views.h"

namespace kring::http {

class FileHandler {
 public:
  FileHandler(Services& services, const Views& views) : services_(services), views_(views) {}

  Response UploadForm(const Request& request);          // POST /p/{slug}/files (multipart)
  Response NewPresentation(const Request& request);     // POST /new/presentation (multipart)
  Response ApiUpload(const Request& request);           // POST /api/v1/pages/{slug}/files
  Response ApiNewPresentation(const Request& request);  // POST /api/v1/presentations
  Response Download(const Request& request);            // GET /f/{id}/{name}
  Response Show(const Request& request);                // GET /f/{id}
  Response ApiGet(const Request& request);              // GET /api/v1/files/{id}

 private:
  struct Upload {
    std::string name;
    std::string_view content;
  };
  // The files a request carries: multipart parts with a file name, or the raw body named by
  // ?name=. An error names what is wrong with the request.
  Result<std::vector<Upload>> UploadsOf(const Request& request) const;
  Result<StoredFile> FileOf(const Request& request) const;

  Services& services_;
  const Views& views_;
};

// {"id","name","size","media_type","sha256","url","extraction"} for the API.
nlohmann::json FileJson(const StoredFile& file);
// A line of a file list in the UI.
nlohmann::json FileView(const Views& views, const Request& request, const StoredFile& file);
// "12 KB", "3.4 MB" ("3,4 MB" in Dutch, lang "nl").
std::string HumanSize(int64_t bytes, std::string_view lang = "en");
// The Content-Disposition of a download: inline for PDF and raster images, else attachment,
// with an ASCII fallback name and the UTF-8 name (RFC 6266, RFC 5987).
std::string ContentDisposition(const StoredFile& file);

}  // namespace kring::http
