#!/usr/bin/env python3
"""Run Ralph's LRS (ralph-malph 5.1.0) in-process, for integration tests.

Why not `ralph runserver`: it starts uvicorn with reload=True, i.e. in a new
process, so the patch below would be lost.  And the patch is needed because
Ralph's file-system backend writes each POSTed batch with operation type
CREATE, so the second POST to the same store fails with HTTP 500 ("... already
exists and overwrite is not allowed").  With APPEND every batch is appended to
the same JSON-lines file and GET /xAPI/statements returns all of them.

Usage:
    serve.py [--port PORT] [--host HOST] [--data-dir DIR] [--app-dir DIR]

    --port      default: $LRS_PORT, else 8100
    --host      default: $LRS_HOST, else 127.0.0.1
    --data-dir  where statements are stored (file fs_lrs.jsonl);
                default: $RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH,
                else ./statements
    --app-dir   Ralph's RALPH_APP_DIR (holds auth.json, history.json);
                default: $RALPH_APP_DIR, else Ralph's own default
                (~/.config/ralph)
    --strict    (or LRS_STRICT=1) also validate every POSTed statement with
                Ralph's strict xAPI model (ralph.models.xapi.base.statements.
                BaseXapiStatement) and answer 400 if it fails.  Off by default:
                Ralph's API itself only checks actor, id, verb.id, object.id
                and accepts anything else (bad IRIs, interactionType, scaled
                score > 1, non-UUID registration, ...).  POST only, not PUT.
                Also turns Ralph's 500 on some invalid actors into its 422.

Import paths (read from the installed 5.1.0 sources):
    FastAPI app            ralph.api.app                 (ralph/api/__init__.py)
    BaseOperationType      ralph.backends.data.base
    FSDataBackend          ralph.backends.data.fs
    FSLRSBackend           ralph.backends.lrs.fs  (subclass of FSDataBackend)
    settings (LOGGING)     ralph.conf.settings
"""

import argparse
import json
import os
import sys
from pathlib import Path


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("LRS_PORT", "8100")))
    parser.add_argument("--host", default=os.environ.get("LRS_HOST", "127.0.0.1"))
    parser.add_argument(
        "--data-dir",
        default=os.environ.get("RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH", "statements"),
    )
    parser.add_argument("--app-dir", default=os.environ.get("RALPH_APP_DIR"))
    parser.add_argument(
        "--strict",
        action="store_true",
        default=os.environ.get("LRS_STRICT", "0").lower() in ("1", "true", "yes"),
    )
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    data_dir = Path(args.data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)

    # Ralph reads its settings from the environment when ralph.conf is first
    # imported (and the backend object is built when ralph.api is imported),
    # so everything must be set before any `import ralph...`.
    os.environ["RALPH_RUNSERVER_BACKEND"] = "fs"
    os.environ["RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH"] = str(data_dir)
    if args.app_dir:
        app_dir = Path(args.app_dir).resolve()
        os.environ["RALPH_APP_DIR"] = str(app_dir)
        # Ralph's Settings also read a ".env" file from the current directory;
        # run from the app dir so a project's own .env is never picked up.
        os.chdir(app_dir)
    else:
        os.chdir(data_dir)

    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.data.fs import FSDataBackend
    from ralph.backends.lrs.fs import FSLRSBackend

    # The backend reads `self.default_operation_type` at every write().
    FSDataBackend.default_operation_type = BaseOperationType.APPEND
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    import uvicorn
    from ralph.api import app

    if args.strict:
        install_strict_validation()
    from ralph.conf import settings

    if settings.RUNSERVER_BACKEND != "fs":  # pragma: no cover - sanity check
        sys.exit(f"serve.py: expected fs backend, got {settings.RUNSERVER_BACKEND!r}")

    print(
        f"serve.py: Ralph LRS on http://{args.host}:{args.port}/xAPI "
        f"(statements in {data_dir}, auth file {settings.AUTH_FILE}, "
        f"operation type {FSLRSBackend.default_operation_type.value}, "
        f"strict={args.strict})",
        file=sys.stderr,
        flush=True,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        log_config=settings.LOGGING,
        log_level="info",
        reload=False,
        workers=1,
    )


def install_strict_validation():
    """Make POST /xAPI/statements reject statements failing the strict model."""
    from fastapi import HTTPException, status
    from pydantic import ValidationError
    from ralph.api.routers import statements as statements_router
    from ralph.models.xapi.base.statements import BaseXapiStatement

    lax_validate = statements_router.validate_strict_statements

    def validate(body):
        try:
            result = lax_validate(body)  # Ralph's own checks first (422 / 400)
        except HTTPException as exc:
            # Ralph 5.1.0 bug: a 422 whose detail carries a ValueError (e.g. an
            # account.homePage that is not an IRI) cannot be JSON-encoded and
            # turns into a bare "500 Internal Server Error".  Make it encodable.
            exc.detail = json.loads(json.dumps(exc.detail, default=str))
            raise
        items = body if isinstance(body, list) else [body]
        for index, item in enumerate(items):
            try:
                BaseXapiStatement.model_validate(item)
            except ValidationError as exc:
                loc = ["body"] if not isinstance(body, list) else ["body", index]
                raise HTTPException(
                    status_code=status.HTTP_400_BAD_REQUEST,
                    detail=[
                        {"loc": loc + list(err["loc"]), "msg": err["msg"], "type": err["type"]}
                        for err in exc.errors(include_url=False, include_context=False)
                    ],
                ) from exc
        return result

    statements_router.validate_strict_statements = validate


if __name__ == "__main__":
    main()
