"""Shared parameter types for the API."""

from typing import Annotated

from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination

# Database keys are 64-bit signed integers; larger numbers would overflow the database driver.
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1, description="An object's id.")]


class ErrorOut(Schema):
    detail: str


# Responses every object endpoint may give besides success: refused and missing look the same (404).
NOT_FOUND = {404: ErrorOut}


class Pagination(LimitOffsetPagination):
    """Limit/offset pagination with a bounded offset (a huge one would overflow the database driver)."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=500, description="How many items to return (at most 500).")
        offset: int = Field(0, ge=0, le=10_000_000, description="How many items to skip.")
