// The zip + XML extraction target (FuzzExtractZipXml in FuzzTargets.h): the bytes as a ZIP
// archive, extracted as each of PPTX, DOCX, XLSX, ODP, ODT and ODS, in process. Small zip
// limits keep each run fast; the guards are the same code. Aborts when an answer breaks the
// Extraction contract: kFailed without a reason or with sections, kDone with a reason, text
// that is not valid UTF-8, more text or sections than the limits.
#pragma once

#include "extract/ExtractLimits.h"

namespace kring::fuzz {

// The limits the target runs under.
extract::ExtractLimits FuzzLimits();

}  // namespace kring::fuzz
