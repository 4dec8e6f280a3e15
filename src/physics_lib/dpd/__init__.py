r"""Digital predistortion: power-amplifier models, test signals, linearity metrics and learning.

Everything here works on complex baseband signals :math:`x[n] = I[n] + jQ[n]` (dimensionless,
normalised so that the amplifier's input range is of order one) sampled at ``sample_rate`` in hertz.

* Memoryless amplifier models: :func:`saleh` (travelling-wave tube) and :func:`rapp` (solid state).
* Test signals: :func:`ofdm_signal` (seeded QAM-OFDM), :func:`ofdm_demodulate`.
* Metrics: :func:`papr_db`, :func:`papr_ccdf` and its Nyquist-rate approximation
  :func:`papr_ccdf_theory`, :func:`nmse_db`, :func:`evm_db`, :func:`power_spectrum`,
  :func:`aclr_db` (our definition), :func:`aclr_opendpd` (OpenDPD's, for comparison), and the
  closed form :func:`cubic_aclr_theory`.
* Behavioural models with memory: :func:`mp_basis` (memory polynomial), :func:`gmp_basis`
  (generalised memory polynomial), :func:`least_squares`, :func:`fit_memory_polynomial`,
  :func:`fit_gmp` and :class:`BehavioralModel`; their running cost, :func:`model_complexity`.
* Predistortion: :func:`ila_predistorter` (indirect learning architecture).
* A neural amplifier model: :func:`fit_rvtdnn` (real-valued time-delay network, :class:`TDNNModel`).
* Efficiency: :func:`class_a_efficiency`, :func:`class_b_efficiency` (a sine wave at a given output
  back-off), :func:`class_b_average_efficiency` (averaged over a signal's envelope),
  :func:`output_backoff_db`, the ideal Doherty (:func:`doherty_efficiency`) and
  :func:`average_efficiency` for either architecture.
* Crest-factor reduction: :func:`clip_and_filter` (Armstrong's repeated clipping and filtering)
  and the per-symbol leakage it removes, :func:`ofdm_aclr_db`.
* Data: :func:`load_opendpd` reads the measured OpenDPD amplifier records in ``physics_lib/data/``.
"""


from __future__ import annotations

from .amplifiers import saleh, rapp
from .signals import qam_constellation, OFDMSignal, ofdm_signal, ofdm_demodulate
from .metrics import papr_db, papr_ccdf, papr_ccdf_theory, nmse_db, evm_db, power_spectrum, aclr_db, aclr_opendpd, cubic_aclr_theory
from .models import mp_basis, gmp_basis, least_squares, BehavioralModel, fit_memory_polynomial, fit_gmp, SweepResult, memory_polynomial_sweep
from .complexity import ModelComplexity, model_complexity
from .learning import ILAResult, ila_predistorter
from .neural import TDNNModel, fit_rvtdnn
from .efficiency import class_a_efficiency, class_b_efficiency, class_b_average_efficiency, output_backoff_db, doherty_efficiency, average_efficiency
from .cfr import clip_and_filter, ofdm_aclr_db
from .data import OPENDPD_DATASETS, load_opendpd

__all__ = [
    "saleh",
    "rapp",
    "qam_constellation",
    "OFDMSignal",
    "ofdm_signal",
    "ofdm_demodulate",
    "papr_db",
    "papr_ccdf",
    "papr_ccdf_theory",
    "nmse_db",
    "evm_db",
    "power_spectrum",
    "aclr_db",
    "aclr_opendpd",
    "cubic_aclr_theory",
    "mp_basis",
    "gmp_basis",
    "least_squares",
    "BehavioralModel",
    "fit_memory_polynomial",
    "fit_gmp",
    "SweepResult",
    "memory_polynomial_sweep",
    "ModelComplexity",
    "model_complexity",
    "ILAResult",
    "ila_predistorter",
    "TDNNModel",
    "fit_rvtdnn",
    "class_a_efficiency",
    "class_b_efficiency",
    "class_b_average_efficiency",
    "output_backoff_db",
    "doherty_efficiency",
    "average_efficiency",
    "clip_and_filter",
    "ofdm_aclr_db",
    "OPENDPD_DATASETS",
    "load_opendpd",
]
