"""The reference for every HTTP budget: a trivial FastAPI endpoint, served exactly like the app."""

from fastapi import FastAPI

app = FastAPI()


@app.get("/ping")
def ping() -> dict[str, str]:
    return {"status": "ok"}
