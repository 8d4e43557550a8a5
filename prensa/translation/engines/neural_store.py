"""The folder of installed neural models: check a model, install it, list it, remove it, load it.

A model is a CTranslate2 model plus the SentencePiece files that cut text into its
vocabulary. Three shapes are accepted by `check()`:

- an Argos Translate package (`.argosmodel`, a zip of one folder with
  `metadata.json`, `sentencepiece.model` and the CTranslate2 model in `model/`),
  zipped or unzipped;
- an OPUS-MT / Marian model converted with CTranslate2's converter
  (`ct2-opus-mt-converter --model_dir opus-mt-en-es --output_dir en-es
  --quantization int8`) with the release's `source.spm` and `target.spm` copied beside it;
- an OPUS-MT release folder as published (`decoder.yml`, `*.npz`, `*.vocab.yml`,
  `*.spm`): it is converted here with the same converter, weights in int8.

Each installed model lives in `PRENSA_MT_MODELS_DIR/<source>-<target>/` with a
`prensa-model.json` manifest; one model per pair. Everything that could go wrong
with a model (a corrupt folder, the wrong pair, a model made by a newer
CTranslate2, too little memory) is found here, at `prensa engines add` time, and
raised as `ModelRejected` with a message for the newsroom.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from prensa.lib.languages import CODES
from prensa.translation.errors import language_name

MANIFEST = "prensa-model.json"
ISO_639_2 = {"eng": "en", "spa": "es", "por": "pt"}

# Probe sentences translated at `engines add` time: a model that cannot translate
# them is refused then, not when a translator asks for a draft.
PROBES = {
    "en": ["The city council approved the new budget on Tuesday.", "It rained all day."],
    "es": ["El ayuntamiento aprobó el nuevo presupuesto el martes.", "Llovió todo el día."],
    "pt": ["A câmara municipal aprovou o novo orçamento na terça-feira.", "Choveu o dia todo."],
}


class ModelRejected(Exception):
    """A model that cannot be installed; `message` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class InstalledModel:
    """One installed model, as its manifest describes it."""

    source: str
    target: str
    kind: str  # "argos" or "opus-mt"
    name: str  # the package or folder it was installed from
    origin: str  # the path given to `engines add`
    size: int  # bytes on disk
    memory_mb: float  # measured when it was checked
    ctranslate2: str  # the CTranslate2 version that checked it
    installed: str  # ISO 8601, UTC
    path: str = ""  # the installed folder (filled in when read)

    @property
    def pair(self) -> str:
        return f"{self.source}-{self.target}"

    @property
    def folder(self) -> Path:
        return Path(self.path)


@dataclass
class _Layout:
    """Where the pieces of a model are, wherever it came from."""

    kind: str
    name: str
    model_dir: Path
    source_spm: Path
    target_spm: Path
    declared: tuple[str, str] | None  # the pair the model says it is for


# ---------------------------------------------------------------- loading


class LoadedModel:
    """A CTranslate2 translator and its SentencePiece processors, ready in this process."""

    def __init__(self, folder: Path, threads: int) -> None:
        import ctranslate2
        import sentencepiece

        self.folder = folder
        self.translator = ctranslate2.Translator(
            str(folder / "model"),
            device="cpu",
            compute_type=_compute_type(),
            inter_threads=1,
            intra_threads=threads,
        )
        self.source_sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self.target_sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        self.lock = threading.Lock()

    def translate(self, texts: Sequence[str], *, beam_size: int, batch_size: int) -> list[str]:
        """Translate plain strings in batches of `batch_size`; the model's own raw output."""
        if not texts:
            return []
        tokens = self.source_sp.encode(list(texts), out_type=str)
        longest = max(len(t) for t in tokens)
        with self.lock:  # one translator, used by one thread at a time
            results = self.translator.translate_batch(
                tokens,
                max_batch_size=batch_size,
                beam_size=beam_size,
                replace_unknowns=True,
                max_decoding_length=min(1024, 2 * longest + 16),
            )
        return [self.target_sp.decode(r.hypotheses[0]).strip() for r in results]


def _compute_type() -> str:
    """int8 where the CPU supports it (CTranslate2 quantises float models as it loads them)."""
    import ctranslate2

    supported = ctranslate2.get_supported_compute_types("cpu")
    for kind in ("int8", "int8_float32", "float32"):
        if kind in supported:
            return kind
    return "default"


# ---------------------------------------------------------------- the folder


def models_dir() -> Path:
    from prensa.translation import conf

    return conf.mt_models_dir()


def installed(folder: Path | None = None) -> dict[tuple[str, str], InstalledModel]:
    """The models installed in `folder` (default `PRENSA_MT_MODELS_DIR`), by pair."""
    root = folder or models_dir()
    found: dict[tuple[str, str], InstalledModel] = {}
    if not root.is_dir():
        return found
    for manifest in sorted(root.glob(f"*/{MANIFEST}")):
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            data["path"] = str(manifest.parent)
            model = InstalledModel(**data)
        except (OSError, ValueError, TypeError):
            continue  # a half-removed folder is not a model
        found[(model.source, model.target)] = model
    return found


def remove(pair: str, folder: Path | None = None) -> InstalledModel:
    """Delete the model installed for `pair` ("en-pt"); raises `ModelRejected` if none is."""
    source, _, target = pair.partition("-")
    model = installed(folder).get((source, target))
    if model is None:
        raise ModelRejected(f"No neural model is installed for {pair}.")
    # The manifest goes first: a folder without one is never taken for a model.
    (model.folder / MANIFEST).unlink()
    shutil.rmtree(model.folder, ignore_errors=True)
    return model


# ---------------------------------------------------------------- checking


@dataclass
class Checked:
    """A model that passed every check, ready to be installed."""

    layout: _Layout
    source: str
    target: str
    memory_mb: float
    probe: list[str]
    staged: Path  # the model in its installed shape, in the scratch folder


def check(path: Path, pair: str | None = None, *, work: Path | None = None) -> Checked:
    """Check the model at `path` for `pair` (or the pair it declares); raises `ModelRejected`.

    `work` is a scratch folder for unzipping and converting (a temporary one if None);
    the returned layout points into it.
    """
    import ctranslate2

    path = Path(path)
    if not path.exists():
        raise ModelRejected(f"{path} does not exist.")
    work = work or Path(tempfile.mkdtemp(prefix="prensa-model-"))
    layout = _layout(path, work)
    source, target = _resolve_pair(layout, pair, path)
    _check_version(layout.model_dir)
    estimate = _file_megabytes(layout.model_dir / "model.bin")
    _check_memory(estimate, source, target)
    staged = work / "staged"
    _stage(layout, staged)
    before = _rss_megabytes()
    try:
        loaded = LoadedModel(staged, threads=1)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelRejected(_load_failure(path, exc)) from None
    try:
        probe = loaded.translate(PROBES[source], beam_size=1, batch_size=8)
    except (RuntimeError, ValueError) as exc:
        raise ModelRejected(
            f"{path}: the model loaded but failed to translate a test sentence ({exc})."
        ) from None
    measured = max(_rss_megabytes() - before, 0.0)
    del loaded
    if not all(text.strip() for text in probe):
        raise ModelRejected(
            f"{path}: the model translated a test sentence into nothing; it is not a "
            f"{language_name(source)} → {language_name(target)} model that works "
            f"with CTranslate2 {ctranslate2.__version__}."
        )
    memory = round(max(estimate, measured), 3)
    _check_memory(memory, source, target)
    layout.model_dir, layout.source_spm, layout.target_spm = (
        staged / "model",
        staged / "source.spm",
        staged / "target.spm",
    )
    return Checked(layout, source, target, memory, probe, staged)


def install(
    path: Path, pair: str | None = None, *, replace: bool = False, folder: Path | None = None
) -> InstalledModel:
    """Check the model at `path` and install it; raises `ModelRejected` with the reason."""
    import ctranslate2

    root = folder or models_dir()
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".adding-", dir=root) as scratch:
        checked = check(path, pair, work=Path(scratch))
        key = (checked.source, checked.target)
        existing = installed(root).get(key)
        if existing is not None and not replace:
            raise ModelRejected(
                f"A model is already installed for {existing.pair} ({existing.name}). "
                "Remove it first (`prensa engines remove "
                f"{existing.pair}`) or add this one with --replace."
            )
        staged = checked.staged
        model = InstalledModel(
            source=checked.source,
            target=checked.target,
            kind=checked.layout.kind,
            name=checked.layout.name,
            origin=str(Path(path).resolve()),
            size=_folder_size(staged),
            memory_mb=checked.memory_mb,
            ctranslate2=ctranslate2.__version__,
            installed=datetime.now(UTC).replace(microsecond=0).isoformat(),
        )
        manifest = {k: v for k, v in asdict(model).items() if k != "path"}
        (staged / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        final = root / model.pair
        if existing is not None:
            remove(model.pair, root)
        shutil.rmtree(final, ignore_errors=True)  # leftovers without a manifest
        os.replace(staged, final)
    return installed(root)[key]


def _layout(path: Path, work: Path) -> _Layout:
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise ModelRejected(
                f"{path} is neither a model folder nor an Argos package (.argosmodel zip)."
            )
        unpacked = work / "unpacked"
        try:
            with zipfile.ZipFile(path) as archive:
                _safe_extract(archive, unpacked)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ModelRejected(f"{path}: the package cannot be unpacked ({exc}).") from None
        inner = [p.parent for p in unpacked.rglob("metadata.json")]
        if len(inner) != 1:
            raise ModelRejected(
                f"{path}: an Argos package holds one folder with a metadata.json; "
                f"this one has {len(inner)}."
            )
        layout = _argos(inner[0], path.name)
        return layout
    if (path / "metadata.json").exists():
        return _argos(path, path.name)
    if (path / "decoder.yml").exists():
        return _opus_release(path, work)
    if (path / "model.bin").exists() or (path / "config.json").exists():
        return _converted(path)
    raise ModelRejected(
        f"{path} is not a model this engine reads: expected an Argos package "
        "(metadata.json, model/, sentencepiece.model), an OPUS-MT release (decoder.yml) "
        "or a CTranslate2 model (model.bin, config.json) with source.spm and target.spm."
    )


def _safe_extract(archive: zipfile.ZipFile, into: Path) -> None:
    into.mkdir(parents=True, exist_ok=True)
    root = into.resolve()
    for member in archive.namelist():
        target = (into / member).resolve()
        if not target.is_relative_to(root):
            raise ValueError(f"unsafe path {member!r}")
    archive.extractall(into)


def _argos(folder: Path, name: str) -> _Layout:
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelRejected(f"{name}: metadata.json cannot be read ({exc}).") from None
    declared = None
    if isinstance(metadata, dict) and metadata.get("from_code") and metadata.get("to_code"):
        declared = (str(metadata["from_code"]), str(metadata["to_code"]))
    spm = folder / "sentencepiece.model"
    _require(name, [folder / "model" / "model.bin", folder / "model" / "config.json", spm])
    return _Layout("argos", name, folder / "model", spm, spm, declared)


def _converted(folder: Path) -> _Layout:
    source_spm, target_spm = folder / "source.spm", folder / "target.spm"
    if not source_spm.exists() and (folder / "sentencepiece.model").exists():
        source_spm = target_spm = folder / "sentencepiece.model"
    _require(folder.name, [folder / "model.bin", folder / "config.json", source_spm, target_spm])
    return _Layout("opus-mt", folder.name, folder, source_spm, target_spm, _declared_pair(folder))


def _opus_release(folder: Path, work: Path) -> _Layout:
    from ctranslate2.converters import OpusMTConverter

    _require(folder.name, [folder / "source.spm", folder / "target.spm"])
    out = work / "converted"
    try:
        OpusMTConverter(str(folder)).convert(str(out), quantization="int8", force=True)
    except Exception as exc:  # the converter raises whatever its parsers raise
        raise ModelRejected(
            f"{folder}: CTranslate2's OPUS-MT converter could not read this release "
            f"({exc.__class__.__name__}: {exc})."
        ) from None
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(folder / name, out / name)
    return _Layout(
        "opus-mt",
        folder.name,
        out,
        out / "source.spm",
        out / "target.spm",
        _declared_pair(folder),
    )


def _require(name: str, files: list[Path]) -> None:
    missing = [f.name if f.parent.name != "model" else f"model/{f.name}" for f in files]
    missing = [m for m, f in zip(missing, files, strict=True) if not f.is_file()]
    if missing:
        raise ModelRejected(f"{name} is incomplete or corrupt: {', '.join(missing)} missing.")


def _declared_pair(folder: Path) -> tuple[str, str] | None:
    """The pair an OPUS-MT folder names: its README's language lines, else its name."""
    readme = folder / "README.md"
    if readme.exists():
        text = readme.read_text(encoding="utf-8", errors="replace")
        src = re.search(r"source language\(s\):\s*([\w ]+)", text)
        tgt = re.search(r"target language\(s\):\s*([\w ]+)", text)
        if src and tgt:
            s, t = src.group(1).split(), tgt.group(1).split()
            if len(s) == 1 and len(t) == 1:
                return ISO_639_2.get(s[0], s[0]), ISO_639_2.get(t[0], t[0])
    named = re.search(r"(?:^|[-_])([a-z]{2,3})[-_]([a-z]{2,3})$", folder.name)
    if named:
        return ISO_639_2.get(named[1], named[1]), ISO_639_2.get(named[2], named[2])
    return None


def _resolve_pair(layout: _Layout, pair: str | None, path: Path) -> tuple[str, str]:
    wanted = None
    if pair:
        source, sep, target = pair.partition("-")
        if not sep or source not in CODES or target not in CODES or source == target:
            raise ModelRejected(
                f"--pair {pair}: give two different publishing languages "
                f"({', '.join(CODES)}), e.g. en-pt."
            )
        wanted = (source, target)
    declared = layout.declared
    if declared and wanted and declared != wanted:
        raise ModelRejected(
            f"{path} is a model for {_label(declared)}, not {_label(wanted)}: "
            "this is the wrong model for that pair."
        )
    chosen = wanted or declared
    if chosen is None:
        raise ModelRejected(
            f"{path} does not say which languages it translates; add --pair, e.g. --pair en-pt."
        )
    if chosen[0] not in CODES or chosen[1] not in CODES:
        raise ModelRejected(
            f"{path} is a model for {_label(chosen)}; Prensa publishes in {', '.join(CODES)}."
        )
    return chosen


def _label(pair: tuple[str, str]) -> str:
    return f"{language_name(pair[0])} → {language_name(pair[1])} ({pair[0]}-{pair[1]})"


def _check_version(model_dir: Path) -> None:
    try:
        with open(model_dir / "model.bin", "rb") as handle:
            header = handle.read(4)
        json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelRejected(f"{model_dir}: the model files cannot be read ({exc}).") from None
    if len(header) < 4:
        raise ModelRejected(f"{model_dir}/model.bin is empty or cut short: the model is corrupt.")
    (version,) = struct.unpack("<I", header)
    # Loading tells whether this CTranslate2 reads that format (see _load_failure).
    if version == 0:
        raise ModelRejected(f"{model_dir}/model.bin is not a CTranslate2 model.")


def _load_failure(path: Path, exc: BaseException) -> str:
    import ctranslate2

    text = str(exc)
    if "binary version" in text:
        found = re.search(r"has binary version v(\d+)", text)
        supported = re.search(r"version v(\d+) or below", text)
        return (
            f"{path} was converted with a newer CTranslate2 than the one installed here "
            f"(ctranslate2 {ctranslate2.__version__} reads model format "
            f"v{supported[1] if supported else '?'} or older; this model is "
            f"v{found[1] if found else '?'}). Upgrade ctranslate2, or convert the model "
            "again with the installed version."
        )
    return f"{path} is corrupt: CTranslate2 cannot load it ({text})."


def _check_memory(megabytes: float, source: str, target: str) -> None:
    from prensa.translation import conf

    limit = conf.mt_memory_limit()
    others = sum(m.memory_mb for p, m in installed().items() if p != (source, target))
    if limit and others + megabytes > limit:
        raise ModelRejected(
            f"Not enough memory: this model needs about {megabytes:.1f} MB and the models "
            f"already installed {others:.1f} MB, past PRENSA_MT_MEMORY_LIMIT={limit:g} MB "
            "per worker. Raise the limit or remove a model."
        )
    available = _available_megabytes()
    if available is not None and megabytes > available:
        raise ModelRejected(
            f"Not enough memory: this model needs about {megabytes:.0f} MB and the machine "
            f"has {available:.0f} MB free."
        )


def _available_megabytes() -> float | None:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _rss_megabytes() -> float:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _file_megabytes(path: Path) -> float:
    try:
        return path.stat().st_size / 2**20
    except OSError:
        return 0.0


def _folder_size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _stage(layout: _Layout, staged: Path) -> None:
    """Copy the model into the installed shape: model/, source.spm, target.spm."""
    staged.mkdir(parents=True, exist_ok=True)
    shutil.copytree(
        layout.model_dir,
        staged / "model",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("*.spm", "sentencepiece.model", "README.md", MANIFEST),
    )
    shutil.copyfile(layout.source_spm, staged / "source.spm")
    shutil.copyfile(layout.target_spm, staged / "target.spm")
