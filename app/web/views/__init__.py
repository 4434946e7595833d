"""What a page or an export needs from a result or a diary: charts, FHIR, the results page's wording."""
