// Helpers shared by the extract tests: corpus files, reading and writing bytes, where a word
// occurs in an extraction, and hand-written PDFs. Test support only.
#pragma once

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/File.h"

namespace kring::extract::testing {

inline constexpr std::string_view kPptx =
    "application/vnd.openxmlformats-officedocument.presentationml.presentation";
inline constexpr std::string_view kXlsx =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The corpus files the tests read (KRING_CORPUS_DIR is the corpus root).
inline std::string Corpus(std::string_view relative) {
  return std::string(KRING_CORPUS_DIR) + "/" + std::string(relative);
}
inline const std::string kRgbzPdf = Corpus("docs/community/bestanden/opsplitsen-rgbz.pdf");
inline const std::string kCrashCoursePdf = Corpus(
    "docs/ontwikkelaars/handleidingen-en-tutorials/20201208 - Crash course zaakgericht "
    "werken voor CG-ontwikkelteams_v1_0.pdf");
inline const std::string kAutorisatiePptx =
    Corpus("docs/ontwikkelaars/handleidingen-en-tutorials/_assets/autorisatie.pptx");
inline const std::string kNotificerenPptx =
    Corpus("docs/ontwikkelaars/handleidingen-en-tutorials/_assets/notificeren.pptx");
inline const std::string kArchiverenPptx =
    Corpus("docs/ontwikkelaars/handleidingen-en-tutorials/_assets/archiveren.pptx");
inline const std::string kZgwPptx = Corpus("docs/assets/Illustratie API standaarden voor ZGW.pptx");
inline const std::string kExpandXlsx = Corpus("docs/standaard/zaken/expand.xlsx");
inline const std::string kSamplePng =
    Corpus("docs/archief/processen/bestanden/Dimpact/mor-proces.png");
inline const std::string kSampleJpg = Corpus("docs/assets/img/sample-image.jpg");

inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void WriteBytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

// The numbers of the sections whose text holds `word`.
inline std::vector<int> SectionsWith(const Extraction& extraction, std::string_view word) {
  std::vector<int> numbers;
  for (const FileSection& section : extraction.sections) {
    if (section.text.find(word) != std::string::npos) numbers.push_back(section.number);
  }
  return numbers;
}

// A one-page PDF showing `text` (ASCII), with a correct cross-reference table. With
// `encrypted`, the Standard security handler with an /O and /U that no password opens (not
// even the empty one), so readers must ask for a password.
inline std::string MinimalPdf(const std::string& text, bool encrypted = false) {
  const std::string stream = "BT /F1 12 Tf 20 100 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  if (encrypted) {
    objects.push_back("<< /Filter /Standard /V 1 /R 2 /O <" + std::string(64, '1') + "> /U <" +
                      std::string(64, '2') + "> /P -4 >>");
  }
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    std::string number = std::to_string(offset);
    pdf += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R";
  if (encrypted) {
    pdf += " /Encrypt 6 0 R /ID [<" + std::string(32, '3') + "> <" + std::string(32, '3') + ">]";
  }
  pdf += " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

}  // namespace kring::extract::testing
