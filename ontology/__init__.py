"""govkg.ontology: the vocabulary (OWL, SHACL, Python names) and the RDF mapping."""
