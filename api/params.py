"""Parameter types shared by every router: bounded so no value can overflow a database column.

Generated requests found that an offset of 10^19 or an id beyond 2^31 reached the database and
failed there; bounds here turn them into a 422 the caller can read.
"""
from typing import Annotated

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_ID = 2**31 - 1

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=1000, le=9999)]


class Pages(LimitOffsetPagination):
    """limit/offset paging with both ends bounded (settings.NINJA_PAGINATION_MAX_LIMIT)."""

    class Input(Schema):
        limit: int = Field(20, ge=1, le=100)
        offset: int = Field(0, ge=0, le=MAX_ID)
