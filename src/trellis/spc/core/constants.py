"""Statistical constants of the SPC engine, each named and cited where it is defined.

The engine follows qicharts2 0.8.1 (Anhøj, `R/helper.functions.R`) so that its numbers can be
checked against qicharts2's own test references; the sources below are the ones qicharts2 cites.
"""

from __future__ import annotations

import math

# d2 for moving ranges of two: sigma = mean moving range / d2.  Montgomery, Introduction to
# Statistical Quality Control, eq. 6.33 (qicharts2 `qic.i`).
D2_N2 = 1.128

# D4 for moving ranges of two: the upper limit of a moving range is D4 * mean moving range.
# Montgomery, Appendix VI; used both for the MR chart and for Nelson's screening of large moving
# ranges before sigma is estimated (Nelson 1982, J Qual Technol 14:172; qicharts2 `qic.mr`).
D4_N2 = 3.267

# The same screening limit as qicharts2 writes it in `qic.ip` (Taylor's I' chart): 3.2665.
# Kept separate because the references were produced with it.
D4_N2_IPRIME = 3.2665

# Shewhart's three-sigma limits (Shewhart 1931) and the inner two-sigma ("95 %") limits that
# qicharts2 returns as lcl.95/ucl.95.
SIGMA_LIMIT = 3.0
SIGMA_INNER = 2.0

# T chart: times between events are made approximately normal by y ** (1 / 3.6).
# Nelson LS (1994), "A control chart for parts-per-million nonconforming items",
# J Qual Technol 26:239; Montgomery §7.3.5 (qicharts2 `qic.t`).
T_CHART_POWER = 3.6

# I' chart: sigma of an individual from a moving range scaled by sqrt(pi / 2) (mean absolute
# difference of two normals).  Taylor W, "Normalized individuals (IN) chart", variation.com;
# qicharts2 `qic.ip`.
IPRIME_SCALE = math.sqrt(math.pi / 2)

# G chart: the displayed centre line when the user supplies the mean is the theoretical
# median of a geometric distribution, 0.693 * mean.  Provost & Murray, The Health Care Data
# Guide (2011), p. 228 (qicharts2 `qic.g`).
G_THEORETICAL_MEDIAN = 0.693

# Anhøj runs analysis (Anhøj & Olesen, PLoS ONE 2014;9(11):e113825):
# longest-run limit  round(log2(n_useful)) + 3          Schilling MF (2012), Math Mag 85:141
# crossings limit    qbinom(0.05, n_useful - 1, 0.5)    Chen Z (2010), Model Assist Stat Appl 5:73
RUNS_LONGEST_OFFSET = 3
CROSSINGS_QUANTILE = 0.05

# NHS Making Data Count XmR limits as NHSRplotthedots 0.2.2 computes them
# (`R/ptd_spc_standard.R`): mean +/- 2.66 * mean moving range, and "near the limits" at
# two thirds of that distance.  2.66 is 3 / 1.128 rounded to two decimals (Wheeler).
MDC_LIMIT = 2.66
MDC_NEAR_FRACTION = 2.0 / 3.0
