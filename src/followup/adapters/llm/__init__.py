"""The language-model adapter: one chat request to an OpenAI-compatible endpoint.

:func:`.client.chat` sends the messages and returns the model's answer; every way that
can fail (no server, a timeout, an HTTP error, an answer that is not a chat completion)
is one :class:`.client.LlmError` whose message never contains the API key.
"""

from followup.adapters.llm.client import Endpoint, LlmError, chat, endpoint_url, shown_url

__all__ = ["Endpoint", "LlmError", "chat", "endpoint_url", "shown_url"]
