// CSV formula injection: text that a spreadsheet would run as a formula gets a quote in front
// when written, and loses it when read, so that every string reads back as written.
#include <catch2/catch.hpp>

#include <string>

#include "verbund/io/csv_reader.hpp"
#include "verbund/io/text_format.hpp"

using namespace verbund;

TEST_CASE("csv fields starting with a formula character are guarded, numbers are not",
          "[io][csv]") {
  CHECK(io::csv_field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
  CHECK(io::csv_field("-Foo GmbH") == "'-Foo GmbH");
  CHECK(io::csv_field("+49 201 123") == "'+49 201 123");
  CHECK(io::csv_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(io::csv_field("\t=1+2") == "'\t=1+2");
  CHECK(io::csv_field("\r=1") == "\"'\r=1\"");
  // Quotes before a formula character: one more, so that reading takes exactly one off.
  CHECK(io::csv_field("'=x") == "''=x");
  // Numbers stay numbers; other text stays as it is.
  for (const char* number : {"-0.5", "-3", "+3", "-1e-07", "-inf", "0.25", "12"})
    CHECK(io::csv_field(number) == number);
  for (const char* text : {"Foo-Bar", "a=b", "'s-Hertogenbosch", "", "Müller & Söhne"})
    CHECK(io::csv_field(text) == text);
  CHECK(io::csv_field("-3 GmbH") == "'-3 GmbH");
}

TEST_CASE("every string reads back as written through the CSV writer and reader", "[io][csv]") {
  const std::vector<std::string> texts{"=HYPERLINK(\"http://x\")",
                                       "-Foo GmbH",
                                       "+1",
                                       "@x",
                                       "\t=tab",
                                       "'=x",
                                       "''-y",
                                       "'",
                                       "''",
                                       "'plain",
                                       "-0.5",
                                       "-3",
                                       "=",
                                       "-",
                                       "a,b",
                                       " edge ",
                                       "line\nbreak",
                                       "\r=cr"};
  std::string content = "text\n";
  for (const auto& t : texts) content += io::csv_line({t});
  io::CsvReader reader("guard.csv", content);
  std::vector<std::string> fields;
  for (const auto& t : texts) {
    REQUIRE(reader.next(fields));
    CHECK(fields.at(0) == t);
  }
  CHECK_FALSE(reader.next(fields));
  // strip_formula_guard alone: exactly the inverse of the guard, and nothing else.
  for (const auto& t : texts) {
    const std::string guarded = io::needs_formula_guard(t) ? "'" + t : t;
    CHECK(io::strip_formula_guard(guarded) == t);
  }
}
