#include <catch2/catch.hpp>

#include "verbund/core/taxonomy.hpp"
#include "verbund/error.hpp"

using namespace verbund::core;

TEST_CASE("taxonomy looks up themes and competences by id", "[core][taxonomy]") {
  Taxonomy t;
  const ThemeId green = t.add_theme({"green-tech", "Green technologies", "Grüne Technologien"});
  const ThemeId logistics = t.add_theme({"logistics", "Logistics", "Logistik"});
  const CompetenceId h2 = t.add_competence("hydrogen", "Hydrogen", "Wasserstoff", green);
  const CompetenceId rail =
      t.add_competence("rail", "Rail logistics", "Schienenlogistik", logistics);
  const CompetenceId circ =
      t.add_competence("circular", "Circular economy", "Kreislaufwirtschaft", green);

  CHECK(t.find_theme("logistics") == logistics);
  CHECK(t.find_competence("rail") == rail);
  CHECK(t.find_competence("hydrogen") == h2);
  CHECK_FALSE(t.find_competence("missing").has_value());
  CHECK(t.competence(circ).label_de == "Kreislaufwirtschaft");
  CHECK(t.competences_of(green) == std::vector<CompetenceId>{h2, circ});

  CHECK_THROWS_AS(t.add_theme({"logistics", "x", "x"}), verbund::InvalidInput);
  CHECK_THROWS_AS(t.add_competence("rail", "x", "x", green), verbund::InvalidInput);
  CHECK_THROWS_AS(t.add_competence("new", "x", "x", ThemeId{99}), verbund::InvalidInput);
  // A failed add leaves the taxonomy as it was.
  CHECK(t.competences().size() == 3);
  CHECK(t.find_competence("rail") == rail);
}
