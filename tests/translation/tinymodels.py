"""Tiny neural translation models, built on the spot for tests: no network, no downloads.

A model here has random weights, so what it writes is nonsense; what is real is
everything around it: a SentencePiece vocabulary trained on a few lines, a Marian
checkpoint laid out exactly as OPUS-MT ships one (`decoder.yml`, `*.npz`,
`vocab.yml`, `source.spm`, `target.spm`), converted by CTranslate2's own
`OpusMTConverter`, and an Argos Translate package zipped as Argos builds them.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece as spm
import yaml
from ctranslate2.converters import OpusMTConverter

LINES = {
    "en": [
        "The council met on Tuesday to discuss the new budget for schools.",
        "Rain flooded three streets near the river after the storm.",
        "The minister said the road would reopen next month.",
        "More than two thousand people attended the festival in the square.",
        "Farmers asked the government for help after a dry summer.",
        "The museum opened a new room with paintings from the coast.",
    ],
    "es": [
        "El consejo se reunió el martes para discutir el nuevo presupuesto escolar.",
        "La lluvia inundó tres calles cerca del río después de la tormenta.",
        "El ministro dijo que la carretera reabrirá el próximo mes.",
        "Más de dos mil personas asistieron al festival en la plaza.",
        "Los agricultores pidieron ayuda al gobierno tras un verano seco.",
        "El museo abrió una nueva sala con pinturas de la costa.",
    ],
    "pt": [
        "O conselho reuniu-se na terça-feira para discutir o novo orçamento escolar.",
        "A chuva inundou três ruas perto do rio depois da tempestade.",
        "O ministro disse que a estrada vai reabrir no próximo mês.",
        "Mais de duas mil pessoas foram ao festival na praça.",
        "Os agricultores pediram ajuda ao governo depois de um verão seco.",
        "O museu abriu uma nova sala com pinturas do litoral.",
    ],
}

DIM, HEADS, FFN = 16, 2, 32


def train_sentencepiece(lines: list[str], vocab_size: int = 96) -> bytes:
    """A SentencePiece model (bytes) trained on `lines`; digits split so numbers survive."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        split_digits=True,
        minloglevel=2,
    )
    return model.getvalue()


def _marian_vocab(spm_bytes: bytes) -> list[str]:
    processor = spm.SentencePieceProcessor(model_proto=spm_bytes)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    words = [p for p in pieces if p not in ("<unk>", "<s>", "</s>")]
    return ["</s>", "<unk>", *words, "<pad>"]


def _write_vocab_yml(tokens: list[str], path: Path) -> None:
    path.write_text(
        "".join(
            f"{json.dumps(token, ensure_ascii=False)}: {i}\n" for i, token in enumerate(tokens)
        ),
        encoding="utf-8",
    )


def _random_marian_weights(vocab: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)

    def attention(prefix: str) -> dict[str, np.ndarray]:
        out = {}
        for name in "qkvo":
            out[f"{prefix}_W{name}"] = w(DIM, DIM)
            out[f"{prefix}_b{name}"] = w(1, DIM)
        out[f"{prefix}_Wo_ln_scale"] = np.ones((1, DIM), np.float32)
        out[f"{prefix}_Wo_ln_bias"] = np.zeros((1, DIM), np.float32)
        return out

    def ffn(prefix: str) -> dict[str, np.ndarray]:
        return {
            f"{prefix}_W1": w(DIM, FFN),
            f"{prefix}_b1": w(1, FFN),
            f"{prefix}_W2": w(FFN, DIM),
            f"{prefix}_b2": w(1, DIM),
            f"{prefix}_ffn_ln_scale": np.ones((1, DIM), np.float32),
            f"{prefix}_ffn_ln_bias": np.zeros((1, DIM), np.float32),
        }

    weights = {"Wemb": w(vocab, DIM), "decoder_ff_logit_out_b": w(1, vocab)}
    weights |= attention("encoder_l1_self") | ffn("encoder_l1_ffn")
    weights |= attention("decoder_l1_self") | attention("decoder_l1_context")
    weights |= ffn("decoder_l1_ffn")
    config = {
        "type": "transformer",
        "enc-depth": 1,
        "dec-depth": 1,
        "transformer-heads": HEADS,
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-ffn-activation": "swish",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-guided-alignment-layer": "last",
        "dim-emb": DIM,
    }
    raw = yaml.safe_dump(config).encode() + b"\0"
    weights["special:model.yml"] = np.frombuffer(raw, dtype=np.int8)
    return weights


def make_opus_mt_checkpoint(folder: Path, source: str, target: str, seed: int = 1) -> Path:
    """An OPUS-MT release folder as the project publishes them (before conversion)."""
    folder.mkdir(parents=True, exist_ok=True)
    spm_bytes = train_sentencepiece(LINES[source] + LINES[target])
    (folder / "source.spm").write_bytes(spm_bytes)
    (folder / "target.spm").write_bytes(spm_bytes)
    tokens = _marian_vocab(spm_bytes)
    _write_vocab_yml(tokens, folder / "opus.spm32k-spm32k.vocab.yml")
    np.savez(
        folder / "opus.spm32k-spm32k.transformer.npz", **_random_marian_weights(len(tokens), seed)
    )
    (folder / "decoder.yml").write_text(
        yaml.safe_dump(
            {
                "models": ["opus.spm32k-spm32k.transformer.npz"],
                "vocabs": ["opus.spm32k-spm32k.vocab.yml", "opus.spm32k-spm32k.vocab.yml"],
                "beam-size": 4,
            }
        )
    )
    (folder / "README.md").write_text(
        f"# tiny test model\n\n* source language(s): {source}\n* target language(s): {target}\n"
    )
    return folder


def make_opus_mt_model(folder: Path, source: str, target: str, seed: int = 1) -> Path:
    """An OPUS-MT model converted with CTranslate2's converter, SentencePiece files beside it.

    This is the folder a newsroom gets from
    `ct2-opus-mt-converter --model_dir opus-mt-en-es --output_dir en-es` plus
    `cp opus-mt-en-es/*.spm en-es/`.
    """
    checkpoint = make_opus_mt_checkpoint(
        folder.parent / f"{folder.name}-marian", source, target, seed
    )
    OpusMTConverter(str(checkpoint)).convert(str(folder), quantization="int8")
    for name in ("source.spm", "target.spm", "README.md"):
        (folder / name).write_bytes((checkpoint / name).read_bytes())
    return folder


def make_argos_package(path: Path, source: str, target: str, seed: int = 2) -> Path:
    """An Argos Translate package (`.argosmodel`): a zip of one folder with
    `metadata.json`, `sentencepiece.model` and the CTranslate2 model in `model/`."""
    work = path.parent / f"{path.stem}-build"
    converted = make_opus_mt_model(work / "model", source, target, seed)
    name = f"translate-{source}_{target}-1_0"
    metadata = {
        "package_version": "1.0",
        "argos_version": "1.9.0",
        "from_code": source,
        "from_name": source,
        "to_code": target,
        "to_name": target,
        "type": "translate",
    }
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/metadata.json", json.dumps(metadata))
        archive.write(converted / "source.spm", f"{name}/sentencepiece.model")
        for item in converted.iterdir():
            if item.suffix != ".spm" and item.name != "README.md":
                archive.write(item, f"{name}/model/{item.name}")
    return path
