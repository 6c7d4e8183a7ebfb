"""The JSON API (documents, paragraphs, the list) and its OpenAPI description."""
