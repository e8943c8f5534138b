"""The SPOTER-style pose encoder: configs and model in one readable file.

raw landmarks + mask ──► normalisation (the torch twin of signcore/normalize.py)
                     ──► per-frame features (global view, hand view, mask) ──► linear projection of the
                         features of the clip led by its right hand (mirrored when the left leads)
                     ──► + sinusoidal encoding of the frame's TIMESTAMP (seconds: frame rate does not matter)
                     ──► transformer encoder over frames (padding frames masked out of every attention)
                     ──► pooling: a class token plus the mean of the encoded frames (``decoder_layers == 0``)
                         or, like SPOTER, a decoder whose single learned class query attends to the frames
                     ──► linear ──► embedding (L2-normalised by default; compare with Euclidean distance)

Fixes over upstream SPOTER: frame order matters (one position per frame, from its timestamp, rather than a
single positional vector shared by all frames), padding is masked, and the normalisation is invariant to where
the signer stands and how far away they are.

The forward pass takes exactly the ONNX inputs (``points``, ``mask``, ``timestamps``, ``valid``), so what is
exported is what was trained.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields

import torch
from torch import nn
from torch.nn import functional as F

from signcore.layout import (
    LEFT_ELBOW,
    LEFT_SHOULDER,
    LOWER_BODY,
    N_POINTS,
    NOSE,
    RIGHT_ELBOW,
    RIGHT_SHOULDER,
    WRIST,
)
from signcore.normalize import (
    GLOBAL_POINTS,
    HAND_SIZE,
    HAND_SIZE_POINTS,
    HAND_SIZE_TO_SHOULDER_WIDTH,
    HAND_STARTS,
    LOWER_BY,
    MIN_SCALE,
    NEAR_WITHIN,
    NOSE_TO_SHOULDER_CENTRE,
    REST_BELOW_SHOULDERS,
    STILL_WITHIN,
    STRAY_SHARE,
    feature_size,
)
from signcore.normalize import mirrored_feature_order as mirrored_feature_order_numpy  # torch twin below


@dataclass(frozen=True)
class ModelConfig:
    d_model: int = 64
    n_heads: int = 4
    # One block: on the held-out validation words within one query of two blocks (96.0% vs 96.7%, mean of
    # four seeds) and a fifth faster; see the model card.
    encoder_layers: int = 1
    decoder_layers: int = 0  # 0: pool with a class token; > 0: SPOTER's decoder with one class query
    ff_size: int = 128
    embedding_size: int = 64
    dropout: float = 0.1
    use_depth: bool = True  # z inside the hand view (False: 2-D-only data looks the same as 3-D data)
    normalize_embedding: bool = True  # unit-length embeddings: distances in [0, 2], margins mean the same
    # Class-token pooling plus the mean of the encoded frames: the token alone leaned on a few frames and
    # generalised worse to held-out words (validation 95.8% over 2 seeds vs 96.7% over 4; see the model card).
    mean_pool: bool = True

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> ModelConfig:
        """Raises ValueError for a config of another trainer version (its features would be misread)."""
        missing = {f.name for f in fields(cls)} - set(values)
        if missing:
            raise ValueError(f"written by an older trainer (no {', '.join(sorted(missing))}): train it again")
        return cls(**values)


CONFIGS: dict[str, ModelConfig] = {
    # Small and fast: well under 1 ms per 100-frame clip on one CPU thread with ONNX Runtime.
    "default": ModelConfig(),
    # Upstream spoter-embeddings' size: d_model 108, 9 heads, 6 + 6 layers, ff 2048, 32-d out, 5.9 M params.
    "upstream": ModelConfig(
        d_model=108,
        n_heads=9,
        encoder_layers=6,
        decoder_layers=6,
        ff_size=2048,
        embedding_size=32,
        normalize_embedding=False,
    ),
}


# ---------------------------------------------------------------------------------------------------------
# Normalisation: the same computation as signcore/normalize.py, batched, with padding frames left out.


# Both hands as one contiguous block (left then right), so one set of ops serves both.
HANDS = slice(HAND_STARTS[0], HAND_STARTS[0] + 2 * HAND_SIZE)
assert HAND_STARTS[1] == HAND_STARTS[0] + HAND_SIZE, "the layout keeps the two hands side by side"
assert RIGHT_SHOULDER == LEFT_SHOULDER + 1, "the layout keeps the two shoulders side by side"
_KNUCKLES = torch.tensor(HAND_SIZE_POINTS)
# The global view's points as contiguous ranges: slices are far cheaper than a gather in ONNX Runtime.
_GLOBAL_RANGES = ((0, min(LOWER_BODY)), (max(LOWER_BODY) + 1, N_POINTS))
assert tuple(i for start, stop in _GLOBAL_RANGES for i in range(start, stop)) == GLOBAL_POINTS


def _global(values: torch.Tensor) -> torch.Tensor:
    """The global view's points of ``values`` (points on the last axis)."""
    return torch.cat([values[..., start:stop] for start, stop in _GLOBAL_RANGES], -1)


def _masked_mean(values: torch.Tensor, weights: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean of ``values`` over ``dim`` where ``weights`` (broadcastable, 0/1) is 1; also the count."""
    count = weights.sum(dim)
    return (values * weights).sum(dim) / count.clamp_min(1.0), count


def _hands(planes: torch.Tensor, mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """From coordinate planes (B, T, 3, 75): both hands relative to their wrists (B, T, 3, 2, 21), their
    masks (B, T, 2, 21), and whether each hand's size is measurable, i.e. wrist and the four knuckles were
    detected (B, T, 2)."""
    hands = planes[..., HANDS].unflatten(-1, (2, HAND_SIZE))
    hand_mask = mask[..., HANDS].unflatten(-1, (2, HAND_SIZE))
    relative = hands - hands[..., WRIST : WRIST + 1]
    known = hand_mask[..., WRIST] * hand_mask.index_select(-1, _KNUCKLES).prod(-1)
    return relative, hand_mask, known


def _hand_size(relative: torch.Tensor, dims: int) -> torch.Tensor:
    """(B, T, 2) mean wrist-to-knuckle distance of each hand, in its first ``dims`` coordinates."""
    knuckles = relative[:, :, :dims].index_select(-1, _KNUCKLES)
    return torch.linalg.vector_norm(knuckles, dim=2).mean(-1)


def body_frame(
    points: torch.Tensor, mask: torch.Tensor, hand_size_2d: torch.Tensor, hand_known: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Per clip: centre (B, 2) and scale (B,). ``mask`` must already be 0 on padding frames."""
    left, right = points[:, :, LEFT_SHOULDER, :2], points[:, :, RIGHT_SHOULDER, :2]
    shoulders = (mask[:, :, LEFT_SHOULDER] * mask[:, :, RIGHT_SHOULDER]).unsqueeze(-1)
    shoulder_centre, n_shoulders = _masked_mean((left + right) / 2, shoulders, 1)
    shoulder_width, _ = _masked_mean(
        torch.linalg.vector_norm(left - right, dim=-1, keepdim=True), shoulders, 1
    )

    mean_hand_size, n_hands = _masked_mean(hand_size_2d.flatten(1), hand_known.flatten(1), 1)
    hand_scale = torch.where(
        n_hands > 0, HAND_SIZE_TO_SHOULDER_WIDTH * mean_hand_size, torch.ones_like(n_hands)
    )
    nose, n_nose = _masked_mean(points[:, :, NOSE, :2], mask[:, :, NOSE].unsqueeze(-1), 1)
    below_nose = torch.stack([nose[:, 0], nose[:, 1] + NOSE_TO_SHOULDER_CENTRE * hand_scale], -1)
    # The mean of every detected point as one matrix product: (B, 1, T*75) @ (B, T*75, 2).
    detected = mask.flatten(1)
    n_points = detected.sum(1, keepdim=True)
    point_sum = torch.bmm(detected.unsqueeze(1), points[..., :2].flatten(1, 2)).squeeze(1)
    any_point = point_sum / n_points.clamp_min(1.0)
    fallback_centre = torch.where(n_nose > 0, below_nose, torch.where(n_points > 0, any_point, 0.0))

    has_shoulders = n_shoulders > 0
    centre = torch.where(has_shoulders, shoulder_centre, fallback_centre)
    scale = torch.where(has_shoulders[:, 0], shoulder_width[:, 0], hand_scale)
    return centre, scale.clamp_min(MIN_SCALE)


def signing_part(
    points: torch.Tensor, mask: torch.Tensor, valid: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """The sign in a batch of clips: (B, T) 0/1, the valid frames within signcore.normalize.signing_span,
    i.e. from the first to the last frame with a hand raised above the rest line; else from the first to
    the last with a hand detected; all valid frames of a clip with no hand. And the mask without the hands
    hanging below the rest line (signcore.normalize.without_resting_hands) in clips that raise one, and
    without a still free hand (signcore.normalize.still_free_hands).
    Counting frames from each end (a cumulative sum, and the total minus it), both kinds of frame at once,
    keeps this to a few cheap nodes; so does reading the shoulders and wrists in one gather."""
    detected = mask[..., HANDS].unflatten(-1, (2, HAND_SIZE)).amax(-1)  # (B, T, 2 hands)
    body = points.index_select(2, _SHOULDERS_AND_WRISTS)[..., :2]  # (B, T, 4, x y)
    left, right = body[:, :, :1], body[:, :, 1:2]  # (B, T, 1, x y): the shoulders
    across = left - right
    width2 = (across * across).sum(-1)  # (B, T, 1): the shoulder width, squared
    wrists = body[:, :, 2:] - (left + right) / 2  # (B, T, 2 hands, x y), from the shoulders' midpoint
    depth = wrists[..., 1]  # (B, T, 2): how far below the shoulders
    above = ((depth < 0) | (depth * depth < REST_BELOW_SHOULDERS**2 * width2)).float()
    seen = mask.index_select(2, _SHOULDERS_AND_WRISTS)  # (B, T, 4)
    measurable = seen[..., :2].prod(-1, keepdim=True) * seen[..., 2:]
    raised = detected * (1.0 - measurable * (1.0 - above))
    # A still free hand is left out of every frame, but still counts for the span: one span for every view.
    still = still_free_hands(points, mask, valid, raised * measurable, wrists, width2)
    # (B, T, 2): frames with a raised hand, frames with a hand
    frames = torch.stack([raised, detected], -1).amax(2) * valid.unsqueeze(-1)
    from_start = torch.cumsum(frames, 1)
    total = from_start[:, -1:]
    span = (from_start > 0).float() * ((total - from_start + frames) > 0).float()
    found = total > 0
    sign = torch.where(found[..., 0], span[..., 0], torch.where(found[..., 1], span[..., 1], valid))
    # (B, T, 2) 1 where a hand is left out: hanging in a clip that raises a hand, or still; onto its points
    dropped = 1.0 - (1.0 - (detected - raised) * found[:, :, :1].float()) * (1.0 - still.unsqueeze(1))
    return sign, mask * (1.0 - dropped @ _HAND_POINTS)


# The shoulders and the wrists (left, right each), read together by the span's rules.
_SHOULDERS_AND_WRISTS = torch.tensor(
    [LEFT_SHOULDER, RIGHT_SHOULDER, *(start + WRIST for start in HAND_STARTS)]
)
# (2, 75) 0/1: each hand's points (a hand's 0/1 spread over them by a matrix product, exactly)
_HAND_POINTS = torch.zeros(2, N_POINTS)
for _hand, _start in enumerate(HAND_STARTS):
    _HAND_POINTS[_hand, _start : _start + HAND_SIZE] = 1.0
# (2 hands, 22): each hand's points and its elbow, left then right
_ARMS = torch.tensor(
    [
        [*range(start, start + HAND_SIZE), elbow]
        for start, elbow in zip(HAND_STARTS, (LEFT_ELBOW, RIGHT_ELBOW), strict=True)
    ]
)
# Where an arm's point is not detected: the left arm's at +inf, the right's at -inf, so every pair with one
# is infinitely apart (never inf - inf) and the nearest pair is found without a mask over the pairs.
_UNSEEN = torch.tensor([[float("inf")], [float("-inf")]])  # (2 hands, 1)


def still_free_hands(
    points: torch.Tensor,
    mask: torch.Tensor,
    valid: torch.Tensor,
    measured: torch.Tensor,
    wrists: torch.Tensor,
    width2: torch.Tensor,
) -> torch.Tensor:
    """(B, 2) 0/1: signcore.normalize.still_free_hands, a free hand held still: LOWER_BY below the other
    hand's wrist and within STILL_WITHIN shoulder widths of its mean place relative to the shoulders, in all
    but STRAY_SHARE of the frames it is ``measured`` ((B, T, 2): raised with shoulders and wrist in view),
    and no point of it NEAR_WITHIN of the other hand's where both are measured. ``wrists`` (B, T, 2, x y):
    relative to the shoulders' midpoint; ``width2`` (B, T, 1): the shoulder width squared."""
    frames = measured * valid.unsqueeze(-1)
    both = frames.prod(-1)  # (B, T)
    depth = wrists[..., 1]
    # (B, T, 2): how far each wrist is below the other (the right's is the left's negated, exactly)
    drop = depth - depth.flip(-1)
    lower = (drop > 0) & (drop * drop > LOWER_BY**2 * width2)
    still = _mostly(lower, both.unsqueeze(-1)) * both.amax(1, keepdim=True)  # (B, 2)
    place, _ = _masked_mean(wrists, frames.unsqueeze(-1), 1)  # (B, 2, x y)
    off = ((wrists - place.unsqueeze(1)) ** 2).sum(-1)
    still = still * _mostly(off < STILL_WITHIN**2 * width2, frames)
    # The two hands' nearest points matter only for a hand found still: a fifth of the encoder's time (22 x
    # 22 pairs a frame) spent only when some clip of the batch has one, almost never (the same answer).
    close = torch.cond(still.max() > 0, _hands_close, _no_hands_close, (points, mask, width2))
    near = (both * close).amax(1)
    return still * (1.0 - near).unsqueeze(-1)


def _hands_close(points: torch.Tensor, mask: torch.Tensor, width2: torch.Tensor) -> torch.Tensor:
    """(B, T) 0/1: some point of one hand or its elbow (an elbow resting on the other hand touches it: tree,
    noon, day) within NEAR_WITHIN of some point of the other, a coordinate plane at a time (a trailing axis of
    x, y made this broadcast cost more than the rest of the encoder)."""
    arms = points[:, :, _ARMS, :2].permute(0, 1, 4, 2, 3)  # (B, T, x y, 2 hands, 22)
    arms = torch.where(mask[:, :, _ARMS].unsqueeze(2) > 0, arms, _UNSEEN)
    across = arms[:, :, :, 0, :, None] - arms[:, :, :, 1, None]  # (B, T, x y, 22, 22)
    nearest2 = (across * across).sum(2).flatten(2).amin(-1)  # (B, T): the nearest pair, squared
    return (nearest2 < NEAR_WITHIN**2 * width2[..., 0]).float()


def _no_hands_close(points: torch.Tensor, mask: torch.Tensor, width2: torch.Tensor) -> torch.Tensor:
    """(B, T) zeros: :func:`_hands_close` where no hand was found still, so its answer changes nothing."""
    return torch.zeros_like(width2[..., 0])


_WRISTS = torch.tensor([start + WRIST for start in HAND_STARTS])


def _mostly(holds: torch.Tensor, frames: torch.Tensor) -> torch.Tensor:
    """(B, ...) 0/1: ``holds`` (B, T, ...) fails in at most STRAY_SHARE of ``frames`` (0/1, its shape)."""
    strays = (frames * (~holds).float()).sum(1)
    return (strays <= STRAY_SHARE * frames.sum(1)).float()


def left_leads(points: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(B,) bool, signcore.normalize.leads_with_left: the left wrist travels further than the right (over
    consecutive frames where it is detected).

    Each frame's step is from the frame before it, the first frame's from itself (0): T steps rather than
    T - 1, so a one-frame clip gives the graph no empty tensor (ONNX Runtime before 1.32 fails to broadcast
    one), and the sums are those of the numpy reference."""
    wrists = points[:, :, _WRISTS, :2]  # (B, T, 2 hands, 2)
    seen = mask[:, :, _WRISTS]
    before, seen_before = (torch.cat([x[:, :1], x[:, :-1]], 1) for x in (wrists, seen))
    steps = torch.linalg.vector_norm(wrists - before, dim=-1) * seen * seen_before
    activity = steps.sum(1)
    return activity[:, 0] > activity[:, 1]


def features_as_recorded(points: torch.Tensor, mask: torch.Tensor, use_depth: bool) -> torch.Tensor:
    """(B, T, feature_size) as in signcore.normalize.frame_features, but of the clip as it was recorded
    (no canonical side); ``mask`` 0/1 float, 0 on padding.

    Written for speed in ONNX Runtime, where at ~100 frames this part costs as much as the transformer: it
    works on coordinate planes (x, y, z of all points), so every broadcast runs along whole rows of points
    rather than along a trailing axis of 2 or 3, and both hands share every operation."""
    planes = points.transpose(2, 3)  # (B, T, 3, 75)
    relative, hand_mask, known = _hands(planes, mask)
    size_2d = _hand_size(relative, 2)
    centre, scale = body_frame(points, mask, size_2d, known)
    global_mask = _global(mask)
    global_xy = _global(planes[:, :, :2]) - centre[:, None, :, None]
    global_xy = global_xy * (global_mask / scale[:, None, None]).unsqueeze(2)

    dims = 3 if use_depth else 2
    size = _hand_size(relative, 3) if use_depth else size_2d
    hands = relative[:, :, :dims] * (
        (hand_mask * known.unsqueeze(-1)) / size.clamp_min(MIN_SCALE).unsqueeze(-1)
    ).unsqueeze(2)
    return torch.cat([global_xy.flatten(2), hands.flatten(2), global_mask], -1)


def mirrored_feature_order(use_depth: bool) -> tuple[torch.Tensor, torch.Tensor]:
    """signcore.normalize.mirrored_feature_order as tensors: the mirror image's features are
    ``features[..., order] * signs``."""
    order, signs = mirrored_feature_order_numpy(use_depth)
    return torch.from_numpy(order), torch.from_numpy(signs).float()


def frame_features(points: torch.Tensor, mask: torch.Tensor, use_depth: bool) -> torch.Tensor:
    """(B, T, feature_size): signcore.normalize.frame_features, i.e. the features of the clip brought to
    its canonical side (mirrored when its left hand leads). The encoder does not compute these: it folds
    the mirror into its first layer (:meth:`PoseEncoder.project_frames`), which gives the same result."""
    features = features_as_recorded(points, mask, use_depth)
    order, signs = mirrored_feature_order(use_depth)
    flip = left_leads(points, mask)[:, None, None]
    return torch.where(flip, features[..., order] * signs, features)


# ---------------------------------------------------------------------------------------------------------
# The network.


def timestamp_encoding(timestamps: torch.Tensor, size: int) -> torch.Tensor:
    """(B, T, size) sinusoids of the time in seconds, periods from 40 ms to 20 s (geometric)."""
    periods = torch.logspace(math.log10(0.04), math.log10(20.0), size // 2, device=timestamps.device)
    angles = timestamps.unsqueeze(-1) * (2 * math.pi / periods)
    return torch.cat([torch.sin(angles), torch.cos(angles)], -1)


# Later than any frame's time (s): what the first signing frame's time is looked for under.
TIME_LIMIT = 1e9

# Added to the attention logits of padding frames: exp(-1e4) is exactly 0 in float32, and unlike -inf it
# cannot turn a clip with no valid frame into NaNs.
PADDING_BIAS = 1e4


class Attention(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        self.n_heads = config.n_heads
        self.query = nn.Linear(config.d_model, config.d_model)
        self.key_value = nn.Linear(config.d_model, 2 * config.d_model)
        self.out = nn.Linear(config.d_model, config.d_model)
        self.dropout = config.dropout

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        """``key_bias`` (B, 1, 1, S): 0 for keys any query may attend to, a large negative number for padding
        (additive rather than boolean: fewer nodes in the exported graph)."""
        batch, n_queries, width = queries.shape
        heads = lambda x: x.view(batch, x.shape[1], self.n_heads, width // self.n_heads).transpose(1, 2)
        key, value = self.key_value(keys).split(width, dim=-1)
        attended = F.scaled_dot_product_attention(
            heads(self.query(queries)),
            heads(key),
            heads(value),
            attn_mask=key_bias,
            dropout_p=self.dropout if self.training else 0.0,
        )
        return self.out(attended.transpose(1, 2).reshape(batch, n_queries, width))


class FeedForward(nn.Sequential):
    def __init__(self, config: ModelConfig):
        super().__init__(
            nn.Linear(config.d_model, config.ff_size),
            nn.GELU(),
            nn.Linear(config.ff_size, config.d_model),
            nn.Dropout(config.dropout),
        )


class EncoderBlock(nn.Module):
    """Pre-norm transformer block: self-attention over frames, then a feed-forward layer."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.norm_attention, self.norm_ff = nn.LayerNorm(config.d_model), nn.LayerNorm(config.d_model)
        self.attention, self.ff = Attention(config), FeedForward(config)

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        normed = self.norm_attention(x)
        x = x + self.attention(normed, normed, key_bias)
        return x + self.ff(self.norm_ff(x))


class DecoderBlock(nn.Module):
    """SPOTER's decoder for a single class query: cross-attention to the frames, then feed-forward (a single
    query's self-attention is the identity map, so it is left out)."""

    def __init__(self, config: ModelConfig):
        super().__init__()
        self.norm_query, self.norm_memory = nn.LayerNorm(config.d_model), nn.LayerNorm(config.d_model)
        self.norm_ff = nn.LayerNorm(config.d_model)
        self.attention, self.ff = Attention(config), FeedForward(config)

    def forward(self, query: torch.Tensor, memory: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        query = query + self.attention(self.norm_query(query), self.norm_memory(memory), key_bias)
        return query + self.ff(self.norm_ff(query))


class PoseEncoder(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        if config.d_model % config.n_heads or config.d_model % 2:
            raise ValueError("d_model must be even and divisible by n_heads")
        self.config = config
        self.project = nn.Linear(feature_size(config.use_depth), config.d_model)
        self.class_query = nn.Parameter(torch.randn(1, 1, config.d_model) * 0.02)
        self.encoder = nn.ModuleList(EncoderBlock(config) for _ in range(config.encoder_layers))
        self.decoder = nn.ModuleList(DecoderBlock(config) for _ in range(config.decoder_layers))
        self.norm_out = nn.LayerNorm(config.d_model)
        self.head = nn.Linear(config.d_model, config.embedding_size)

    def project_frames(self, points: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """(B, T, d_model): ``self.project(frame_features(points, mask))``, the canonical side's features
        projected, computed without reordering any point: projecting the mirror image's features
        ``features[..., order] * signs`` is projecting the recorded features with the weights reordered the
        same way (the mirror is its own inverse), so one matrix product with both sets of weights gives both
        sides, and each clip takes its own. ONNX Runtime folds the reordered weights at load; per frame
        this costs one more 64-wide projection instead of a 75 x 75 reordering of every coordinate plane."""
        order, signs = mirrored_feature_order(self.config.use_depth)
        weight, bias = self.project.weight, self.project.bias
        both = F.linear(
            features_as_recorded(points, mask, self.config.use_depth),
            torch.cat([weight, weight[:, order] * signs]),
            torch.cat([bias, bias]),
        )
        flip = left_leads(points, mask)[:, None, None]
        return torch.where(flip, both[..., weight.shape[0] :], both[..., : weight.shape[0]])

    def forward(
        self, points: torch.Tensor, mask: torch.Tensor, timestamps: torch.Tensor, valid: torch.Tensor
    ) -> torch.Tensor:
        """points (B, T, 75, 3), mask (B, T, 75), timestamps (B, T), valid (B, T) -> embedding (B, D)."""
        # Only the sign: idle frames before and after it are treated as padding, and its time starts at
        # its first frame (signcore.normalize, "signing_span").
        valid, mask = signing_part(points, mask, valid)
        start = torch.where(valid > 0.5, timestamps, torch.full_like(timestamps, TIME_LIMIT)).amin(1, True)
        timestamps = (timestamps - start) * valid  # a clip without any valid frame: 0 rather than -1e9
        # Nothing under a False mask may leak in, whatever the caller sent there: every feature is
        # multiplied by its mask, and every mean is weighted by it.
        mask = mask * valid.unsqueeze(-1)
        frames = self.project_frames(points, mask) + timestamp_encoding(timestamps, self.config.d_model)
        allowed = valid > 0.5
        query = self.class_query.expand(points.shape[0], -1, -1)
        if not self.decoder:  # class token: one more "frame" that every frame may attend to
            frames = torch.cat([query, frames], 1)
            allowed = torch.cat([torch.ones_like(allowed[:, :1]), allowed], 1)
        key_bias = ((allowed.float() - 1.0) * PADDING_BIAS)[:, None, None, :]
        for block in self.encoder:
            frames = block(frames, key_bias)
        if self.decoder:
            for block in self.decoder:
                query = block(query, frames, key_bias)
            pooled = query[:, 0]
        else:
            pooled = frames[:, 0]
            if self.config.mean_pool:  # padding frames left out of the mean
                weights = valid.unsqueeze(-1)
                pooled = pooled + (frames[:, 1:] * weights).sum(1) / weights.sum(1).clamp_min(1.0)
        embedding = self.head(self.norm_out(pooled))
        return F.normalize(embedding, dim=-1) if self.config.normalize_embedding else embedding


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
