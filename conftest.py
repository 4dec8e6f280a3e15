"""pytest set-up for runs over the notebooks (`make test-notebooks`: nbval on two xdist workers).

Two workers start kernels at the same moment, and a kernel can die at start-up when the TCP port
jupyter_client picked for it is taken in between by the other worker's kernel or connections
("Kernel died before replying to kernel_info"; jupyter/nbconvert#1066, treebeardtech/nbmake#129).
A kernel that dies before running anything is started again, up to three times; a kernel that
dies while running a cell still fails that cell's test.
"""

from __future__ import annotations

START_ATTEMPTS = 3


def pytest_configure(config):
    if not getattr(config.option, "nbval", False):
        return
    import nbval.kernel

    start = nbval.kernel.start_new_kernel

    def start_new_kernel(*args, **kwargs):
        for attempt in range(1, START_ATTEMPTS + 1):
            try:
                return start(*args, **kwargs)  # shuts the dead kernel down before raising
            except RuntimeError:
                if attempt == START_ATTEMPTS:
                    raise

    nbval.kernel.start_new_kernel = start_new_kernel
