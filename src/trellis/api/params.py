"""Shared parameter types for the API."""

from typing import Annotated

from ninja import Path, Schema

# Database keys are 64-bit signed integers; larger numbers would overflow the database driver.
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1, description="An object's id.")]


class ErrorOut(Schema):
    detail: str


# Responses every object endpoint may give besides success: refused and missing look the same (404).
NOT_FOUND = {404: ErrorOut}
