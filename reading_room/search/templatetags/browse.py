"""The home page's filters, without touching its view: `{% filter_documents documents as documents %}`
applies ?body=&session=&type=&sponsor= to the list it was given, `{% document_filters %}` shows them."""

from django import template

from ..browse import document_facets, document_filters
from ..browse import filter_documents as apply_filters

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_documents(context, documents):
    request = context.get("request")
    return apply_filters(documents, document_filters(request.GET)) if request else documents


@register.inclusion_tag("search/_home_filters.html", takes_context=True)
def document_filters_nav(context):
    request = context.get("request")
    filters = document_filters(request.GET) if request else {}
    return {"facets": document_facets(filters), "filters": filters}
