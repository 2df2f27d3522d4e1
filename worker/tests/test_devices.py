"""`--device cuda:N` narrows CUDA_VISIBLE_DEVICES to that GPU and the worker computes on cuda:0 (pure logic)."""

from __future__ import annotations

import pytest

from ishowtts_worker.devices import DeviceBinding, DeviceError, bind_device, parse_device


@pytest.mark.parametrize("requested, visible, env, local", [
    ("cuda:1", None, "1", "cuda:0"),  # nothing set: the index itself
    ("cuda:0", None, "0", "cuda:0"),
    ("cuda", None, "0", "cuda:0"),
    ("cuda:1", "2,3", "3", "cuda:0"),  # a user's list: its N-th entry
    ("cuda:0", " 4 , 5 ", "4", "cuda:0"),
    ("cuda:1", "GPU-8a3f,GPU-77c1", "GPU-77c1", "cuda:0"),  # UUIDs are kept verbatim
    ("cuda:2", "MIG-a,MIG-b,MIG-c", "MIG-c", "cuda:0"),
    ("cpu", None, None, "cpu"),  # cpu leaves the variable alone
    ("cpu", "", None, "cpu"),
    ("cpu", "0,1", None, "cpu"),
])
def test_bind(requested: str, visible: str | None, env: str | None, local: str) -> None:
    binding = bind_device(requested, visible)
    assert (binding.visible_devices, binding.local) == (env, local)


def test_reports_name_the_real_device() -> None:
    binding = bind_device("cuda:1", "2,3")
    assert binding.public == "cuda:1"
    assert binding.report("cuda:0") == "cuda:1" and binding.report("cpu") == "cpu"
    assert "cuda:1" in binding.describe() and "CUDA_VISIBLE_DEVICES=3" in binding.describe()


@pytest.mark.parametrize("requested, visible, message", [
    ("cuda:2", "0,1", "lists 2 device"),
    ("cuda:0", "", "no GPU is visible"),
    ("cuda:0", "  ", "no GPU is visible"),
    ("cuda:1", "0,,2", "entry 1"),
])
def test_an_index_past_a_set_list_is_refused(requested: str, visible: str, message: str) -> None:
    with pytest.raises(DeviceError, match=message):
        bind_device(requested, visible)


@pytest.mark.parametrize("name", ["gpu", "cuda:", "cuda:x", "cuda:-1", "cuda:1:2", "cuda1", "CUDA:0", "cuda:١", ""])
def test_malformed_names_are_refused(name: str) -> None:
    with pytest.raises(DeviceError, match="not cpu or cuda:N"):
        parse_device(name)
    with pytest.raises(DeviceError):
        bind_device(name, None)


def test_a_load_may_name_the_workers_device_or_the_cpu_only() -> None:
    binding = bind_device("cuda:1", None)
    assert binding.resolve(None) == "cuda:0"
    assert binding.resolve("cuda:1") == "cuda:0"
    assert binding.resolve("cpu") == "cpu"
    with pytest.raises(DeviceError, match="started for cuda:1 and cannot use cuda:0"):
        binding.resolve("cuda:0")
    with pytest.raises(DeviceError, match="not cpu or cuda:N"):
        binding.resolve("tpu:0")


def test_a_cpu_worker_refuses_gpus_and_an_unnarrowed_one_keeps_its_names() -> None:
    cpu = bind_device("cpu", None)
    assert cpu.resolve(None) == "cpu" and cpu.resolve("cpu") == "cpu"
    with pytest.raises(DeviceError, match="started for cpu"):
        cpu.resolve("cuda:0")
    default = DeviceBinding("cuda:0", "cuda:0", None)  # started without --device on a CUDA machine
    assert default.resolve("cuda:0") == "cuda:0" and default.resolve("cuda") == "cuda:0"
    assert default.describe() == "cuda:0"
