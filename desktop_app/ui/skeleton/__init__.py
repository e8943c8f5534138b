"""Skeletons on screen: drawn over camera frames, and played as clips.

Every view follows the one convention of :mod:`desktop_app.core.signing.view`: mirror view or camera view for
all, every reference signed with the learner's hand (mirrored when signed with the other), a signer's right
hand always blue and left hand always orange (with a legend: :mod:`.colours`).

- :mod:`.player`: :class:`SkeletonPlayer`, THE player: the practice page's reference and replay, the
  library's, the embedding map's, search's and the record dialog's previews. It counts time in seconds and
  interpolates short clips so that they play smoothly at every speed.
- :mod:`.canvas`: what the player paints at each moment (:class:`SkeletonCanvas`). It frames the signer from
  the head to the hands in every frame they sign in (:func:`desktop_app.core.signing.view.figure_space`),
  draws a lone glitch frame as its neighbour (:func:`desktop_app.core.signing.view.drawn_frames`), always
  draws head and shoulders (a dashed guide for clips without a body) and shows a close-up of the dominant
  hand's shape beside the figure (:mod:`.closeup`), its words fitted to their room (:mod:`.captions`).
- :mod:`.feedback_picture`: the reference and the learner side by side at the moment of the main correction.
- :mod:`.hand_picture`: an open hand held up as the close-ups draw a hand (Home's question which hand the
  learner signs with).
- :mod:`.camera_frame`: a camera frame as a picture, the tracked skeleton drawn over it (safe on a worker
  thread).
"""
