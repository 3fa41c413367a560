"""The framework engine, free of Django: schema, loader and registry, lookups, versions, search."""

from trellis.framework.core.errors import (
    FrameworkInvalidError,
    FrameworkIssue,
    FrameworkNotFoundError,
)
from trellis.framework.core.loader import (
    SHIPPED,
    FrameworkInfo,
    FrameworkRegistry,
    list_frameworks,
    load_framework,
    load_framework_file,
    parse_framework,
)
from trellis.framework.core.schema import Framework
from trellis.framework.core.search import SearchHit, search
from trellis.framework.core.versions import compare_across_versions, id_map

__all__ = [
    "SHIPPED",
    "Framework",
    "FrameworkInfo",
    "FrameworkInvalidError",
    "FrameworkIssue",
    "FrameworkNotFoundError",
    "FrameworkRegistry",
    "SearchHit",
    "compare_across_versions",
    "id_map",
    "list_frameworks",
    "load_framework",
    "load_framework_file",
    "parse_framework",
    "search",
]
