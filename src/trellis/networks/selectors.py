"""Permission-scoped reads of networks and the library search."""

from __future__ import annotations

from django.db.models import QuerySet

from trellis.accounts import policy
from trellis.lib.embedding import default_encoder
from trellis.lib.similarity import TextSimilarity
from trellis.networks.core.library import Entry, search
from trellis.networks.models import LibraryEntry, Network
from trellis.orgs.models import Organization


def networks_visible(user: object) -> QuerySet[Network]:
    return policy.filter_allowed(user, "networks.view", Network.objects.select_related("host"))


def networks_of(user: object, org: Organization) -> QuerySet[Network]:
    return networks_visible(user).filter(memberships__organization=org).distinct()


def library_search(network: Network, query: str, *, limit: int = 20) -> list[tuple[LibraryEntry, float]]:
    entries = list(network.library.select_related("contributed_by"))
    hits = search(
        query,
        [Entry(e.pk, e.text, bytes(e.embedding), e.embedding_model) for e in entries],
        TextSimilarity(default_encoder()),
        limit=limit,
    )
    by_id = {e.pk: e for e in entries}
    return [(by_id[h.id], h.score) for h in hits]
