"""nbconvert configuration for executing the Deno notebooks without losing outputs.

Deno's Jupyter kernel (2.x) sometimes publishes a cell's output (``execute_result``,
``display_data``, ``stream``) just *after* the cell's ``idle`` status. nbclient stops reading a
cell's messages at ``idle``, so such an output is silently dropped from the executed notebook
(JupyterLab shows it: it routes messages by their parent). ``LateOutputExecutePreprocessor``
keeps reading the cell's messages for a short grace period after ``idle``.

Use it instead of ``--execute``::

    jupyter nbconvert --to notebook --config tests/notebooks/nbconvert_deno.py \\
        notebooks/01_quick_start.ipynb --output /tmp/out.ipynb
"""

import asyncio
import os
import sys
from queue import Empty

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor
from traitlets import Float


class LateOutputExecutePreprocessor(ExecutePreprocessor):
    """Executes a notebook, collecting outputs the kernel publishes after a cell's idle status."""

    grace_seconds = Float(
        0.3, help="How long to keep reading a cell's messages after its idle status, in seconds"
    ).tag(config=True)

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    break
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.grace_seconds
        while (remaining := deadline - loop.time()) > 0:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=remaining))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            if msg["msg_type"] == "status":
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                pass


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
c.NotebookExporter.preprocessors = [LateOutputExecutePreprocessor]
c.LateOutputExecutePreprocessor.enabled = True
