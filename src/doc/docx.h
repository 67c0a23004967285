// File: doc/docx.h
//
// Word documents (Office Open XML, .docx) as plain text: one paragraph a line, list numbering
// written out as the reader sees it ("1.", "a)", "-"), tables cell by cell (the header and
// signature blocks of Vietnamese documents are tables), tracked deletions left out.
// Read with libzip and pugixml; sizes are checked while inflating, never trusted from the
// archive's directory, so a zip bomb stops at the limit.
//
//   auto text = doc::read_docx(bytes);   // bytes: the whole .docx file
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "base/status.h"

namespace loa::doc {

// invalid_argument for a file that is not a readable .docx (not a zip, no
// word/document.xml, broken XML, encrypted); resource_exhausted when a part inflates past
// `max_part_bytes`.
Result<std::string> read_docx(std::string_view bytes, std::size_t max_part_bytes = 64U << 20);

}  // namespace loa::doc
