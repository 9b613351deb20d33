// The CSV reader on any bytes: every record, every field's location, and the cell parsers on
// every field.

#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "verbund/io/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace verbund;
  fuzz::accept_or_refuse([&] {
    io::CsvReader reader("fuzz.csv", std::string(fuzz::as_text(data, size)));
    (void)reader.column("id");
    std::vector<std::string> fields;
    while (reader.next(fields)) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const SourceLocation at = reader.where(i);
        // Each cell parser on its own: one refusal must not hide another cell's crash.
        fuzz::accept_or_refuse([&] { (void)io::cell::to_double(fields[i], at, "x"); });
        fuzz::accept_or_refuse([&] { (void)io::cell::to_integer(fields[i], at, "x"); });
        fuzz::accept_or_refuse([&] { (void)io::cell::to_optional_int(fields[i], at, "x"); });
        fuzz::accept_or_refuse([&] { (void)io::cell::to_optional_double(fields[i], at, "x"); });
      }
    }
  });
  return 0;
}
