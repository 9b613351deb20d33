#include <catch2/catch.hpp>

#include "verbund/error.hpp"
#include "verbund/io/csv_reader.hpp"

using verbund::InvalidInput;
using verbund::io::CsvReader;

namespace {

std::vector<std::vector<std::string>> all_rows(CsvReader& csv) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  while (csv.next(row)) rows.push_back(row);
  return rows;
}

// The location and message of the error that reading `content` raises.
verbund::SourceLocation error_at(const std::string& content, std::string* message = nullptr) {
  try {
    CsvReader csv("in.csv", content);
    all_rows(csv);
  } catch (const InvalidInput& e) {
    if (message != nullptr) *message = e.detail();
    return e.where();
  }
  FAIL("no error for: " << content);
  return {};
}

}  // namespace

TEST_CASE("CSV: quoting, escapes, line breaks in fields, CRLF, BOM, blank lines", "[io][csv]") {
  CsvReader csv("in.csv",
                "\xEF\xBB\xBFid,name,note\r\n"
                "1,\"Stadt Mülheim, an der Ruhr\",\"say \"\"hi\"\"\"\r\n"
                "\n"
                "2,\"two\nlines\",\r\n"
                "3,plain,last");
  CHECK(csv.header() == std::vector<std::string>{"id", "name", "note"});
  std::vector<std::string> row;
  REQUIRE(csv.next(row));
  CHECK(csv.line() == 2);
  CHECK(row == std::vector<std::string>{"1", "Stadt Mülheim, an der Ruhr", "say \"hi\""});
  REQUIRE(csv.next(row));
  CHECK(csv.line() == 4);
  CHECK(row == std::vector<std::string>{"2", "two\nlines", ""});
  REQUIRE(csv.next(row));
  CHECK(csv.line() == 6);  // the quoted line break counted
  CHECK(row[2] == "last");
  CHECK_FALSE(csv.next(row));
  CHECK(csv.column("name") == 2U);
  CHECK_FALSE(csv.column("missing").has_value());
}

TEST_CASE("CSV: malformed input is located by line and column", "[io][csv]") {
  std::string message;
  auto where = error_at("a,b\n1,2\n3,\"open\n", &message);
  CHECK(where.line == 3);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("unterminated quoted field"));

  where = error_at("a,b\n1,\"x\"y\n", &message);
  CHECK(where.line == 2);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("after closing quote"));

  where = error_at("a,b\n1,ab\"c\n", &message);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("quote inside an unquoted field"));

  where = error_at("a,b\n1,2\n3\n", &message);
  CHECK(where.line == 3);
  CHECK_THAT(message, Catch::Contains("expected 2 fields"));

  where = error_at("a,b\n1,M\xFCllheim\n", &message);  // Latin-1, not UTF-8
  CHECK(where.line == 2);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("malformed UTF-8"));

  where = error_at("a,b\n1,\xC0\xAF\n");  // overlong encoding of '/'
  CHECK(where.line == 2);
  where = error_at("a,b\n1,\xED\xA0\x80\n");  // a surrogate
  CHECK(where.line == 2);

  where = error_at("", &message);
  CHECK_THAT(message, Catch::Contains("no header"));
  where = error_at("a,a\n1,2\n", &message);
  CHECK_THAT(message, Catch::Contains("duplicate column 'a'"));
}

TEST_CASE("CSV: required columns and typed cells", "[io][csv]") {
  CsvReader csv("f.csv", "id,weight\nx,1.5\n");
  CHECK(csv.require("weight") == 1);
  try {
    (void)csv.require("kind");
    FAIL("missing column accepted");
  } catch (const InvalidInput& e) {
    CHECK(e.where().line == 1);
    CHECK_THAT(e.detail(),
               Catch::Contains("missing required column 'kind'") && Catch::Contains("id,weight"));
  }
  using namespace verbund::io::cell;
  const verbund::SourceLocation at{"f.csv", 2, 2};
  CHECK(to_double("0.25", at, "weight") == 0.25);
  CHECK_THROWS_WITH(to_double("abc", at, "weight"),
                    Catch::Contains("f.csv:2:2: weight 'abc' is not a number"));
  CHECK_THROWS_AS(to_double("inf", at, "weight"), InvalidInput);
  CHECK_THROWS_AS(to_double("nan", at, "weight"), InvalidInput);
  CHECK_THROWS_AS(to_double("1.5x", at, "weight"), InvalidInput);
  CHECK(to_int("2016", at, "year") == 2016);
  CHECK_THROWS_AS(to_int("20.5", at, "year"), InvalidInput);
  CHECK_THROWS_AS(to_int("99999999999", at, "year"), InvalidInput);
  CHECK_FALSE(to_optional_int("", at, "year").has_value());
}

TEST_CASE("CSV: German Excel files: ';' detected from the header, decimal commas", "[io][csv]") {
  // As Excel (German locale) saves "CSV UTF-8 (durch Trennzeichen getrennt)": BOM, CRLF, ';'.
  CsvReader csv("de.csv",
                "\xEF\xBB\xBFid;name;lat\r\n"
                "f1;\"Müller; Söhne\";51,45\r\n"
                "f2;Plain;7.5\r\n"
                "f3;Empty;\r\n");
  CHECK(csv.dialect().delimiter == ';');
  CHECK(csv.dialect().decimal_comma);
  CHECK(csv.header() == std::vector<std::string>{"id", "name", "lat"});
  std::vector<std::string> row;
  REQUIRE(csv.next(row));
  CHECK(row[1] == "Müller; Söhne");
  CHECK(csv.optional_number(row, 2, "lat") == 51.45);
  REQUIRE(csv.next(row));
  CHECK(csv.optional_number(row, 2, "lat") == 7.5);  // a point is still read as a point
  REQUIRE(csv.next(row));
  CHECK_FALSE(csv.optional_number(row, 2, "lat").has_value());
  CHECK_FALSE(csv.next(row));
}

TEST_CASE("CSV: dialect from options, a sep= line or tabs; commas stay decimal points",
          "[io][csv]") {
  {
    CsvReader csv("c.csv", "a,b\n1,2.5\n");
    CHECK(csv.dialect().delimiter == ',');
    CHECK_FALSE(csv.dialect().decimal_comma);
  }
  {
    CsvReader csv("x.csv", "sep=;\r\na;b\r\n1;2,5\r\n");
    CHECK(csv.dialect().delimiter == ';');
    std::vector<std::string> row;
    REQUIRE(csv.next(row));
    CHECK(csv.line() == 3);
    CHECK(csv.optional_number(row, 1, "b") == 2.5);
  }
  {
    CsvReader csv("t.tsv", "a\tb\n1\t2\n");
    CHECK(csv.dialect().delimiter == '\t');
  }
  {
    // A header of one column holding ';' is read as ','-separated when the caller says so.
    CsvReader csv("o.csv", "a;b\n1;2\n", {.delimiter = ',', .decimal_comma = std::nullopt});
    CHECK(csv.header().size() == 1);
    try {
      (void)csv.require("b");
      FAIL("missing column accepted");
    } catch (const InvalidInput& e) {
      CHECK_THAT(e.detail(), Catch::Contains("give --delimiter ';'"));
    }
  }
  {
    CsvReader csv("p.csv", "a|b\n1|2,5\n", {.delimiter = '|', .decimal_comma = true});
    std::vector<std::string> row;
    REQUIRE(csv.next(row));
    CHECK(csv.optional_number(row, 1, "b") == 2.5);
  }
  using namespace verbund::io::cell;
  const verbund::SourceLocation at{"f.csv", 2, 3};
  CHECK(to_double_decimal_comma("-0,25", at, "w") == -0.25);
  CHECK(to_double_decimal_comma("1e3", at, "w") == 1000.0);
  CHECK_THROWS_WITH(to_double_decimal_comma("1.234,5", at, "w"),
                    Catch::Contains("f.csv:2:3: w '1.234,5' is not a number"));
  CHECK_THROWS_AS(to_double_decimal_comma("1,2,3", at, "w"), InvalidInput);
  CHECK_THROWS_AS(to_double_decimal_comma(",", at, "w"), InvalidInput);
}

TEST_CASE("CSV: a Windows-1252 or UTF-16 file is named as such, with how to convert it",
          "[io][csv]") {
  std::string message;
  // "Mülheim" and "€" as Excel's plain "CSV" saves them on a German Windows.
  auto where = error_at("id;name\r\nf1;M\xFClheim\r\n", &message);
  CHECK(where.line == 2);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("malformed UTF-8") && Catch::Contains("0xFC is 'ü'") &&
                          Catch::Contains("Windows-1252") &&
                          Catch::Contains("iconv -f WINDOWS-1252 -t UTF-8 'in.csv'"));
  where = error_at("a,b\n1,5 \x80\n", &message);
  CHECK(where.column == 2);
  CHECK_THAT(message, Catch::Contains("0x80 is '€'"));
  where = error_at(std::string("\xFF\xFE"
                               "a\0,\0b\0",
                               8),
                   &message);
  CHECK(where.line == 1);
  CHECK_THAT(message, Catch::Contains("UTF-16") && Catch::Contains("iconv -f UTF-16 -t UTF-8"));
}
