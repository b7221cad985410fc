"""`make lab` starts JupyterLab on the course: /lab answers 200 and the chapters are served."""

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

from tools.course_build import ROOT, available_chapters


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8", "replace")


def test_make_lab_serves_jupyterlab_on_the_course(tmp_path):
    port = free_port()
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_DATA_DIR=str(tmp_path / "data"))
    lab_args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token="
    server = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={lab_args}"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, page = get(f"http://127.0.0.1:{port}/lab")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "JupyterLab did not answer within 60 s"
                time.sleep(0.5)
        assert status == 200 and "JupyterLab" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.url.endswith("/lab/tree/notebooks/00_start_here.ipynb"), response.url
        status, listing = get(f"http://127.0.0.1:{port}/api/contents/notebooks")
        served = {item["name"] for item in json.loads(listing)["content"]}
        assert {f"{stem}.ipynb" for _, stem, _, _ in available_chapters()} <= served
        # the widget front end ships with the environment (the page lists it among its
        # extensions), so widgets render with no install step
        assert "@jupyter-widgets/jupyterlab-manager" in page
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # make and the JupyterLab it started
        server.wait(timeout=20)
        server.stdout.close()
