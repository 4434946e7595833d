"""What every JSON route shares: the OpenAPI `responses` of its errors."""

from __future__ import annotations

from typing import Any

from app.web.api.schemas import ErrorOut

#: OpenAPI `responses` of a route: status -> model and description
Responses = dict[int | str, dict[str, Any]]

ERRORS: Responses = {422: {"model": ErrorOut, "description": "An answer is invalid; the message names the question."}}
BODY_ERRORS: Responses = {
    413: {"model": ErrorOut, "description": "Request body too large."},
    415: {"model": ErrorOut, "description": "The body is not JSON."},
    429: {"model": ErrorOut, "description": "Too many requests from this client; see Retry-After."},
}
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No assessment with this id (or it was deleted)."}}
NOT_MODIFIED: Responses = {304: {"description": "Not modified (If-None-Match matched the ETag)."}}
