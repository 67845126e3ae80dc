package org.asperity.simulator.physics;

/**
 * In-place iterative radix-2 complex FFT (Cooley-Tukey), 1-D and 2-D on split real/imaginary
 * arrays. Written here rather than taken from a library: about a hundred lines keep the simulator
 * free of a numerics dependency, and the stress kernel's zero-padded power-of-two grids need
 * nothing more.
 */
final class Fft {
  private Fft() {}

  static boolean isPowerOfTwo(int n) {
    return n > 0 && (n & (n - 1)) == 0;
  }

  static int nextPowerOfTwo(int n) {
    int p = 1;
    while (p < n) {
      p <<= 1;
    }
    return p;
  }

  /**
   * Transforms {@code n} points starting at {@code offset} with the given stride.
   *
   * @param inverse true for the inverse transform (including the 1/n factor)
   */
  static void transform(double[] re, double[] im, int offset, int stride, int n, boolean inverse) {
    if (!isPowerOfTwo(n)) {
      throw new IllegalArgumentException("length must be a power of two: " + n);
    }
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        int a = offset + i * stride;
        int b = offset + j * stride;
        double tr = re[a];
        re[a] = re[b];
        re[b] = tr;
        double ti = im[a];
        im[a] = im[b];
        im[b] = ti;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = (inverse ? 2.0 : -2.0) * Math.PI / len;
      double wr = Math.cos(angle);
      double wi = Math.sin(angle);
      for (int start = 0; start < n; start += len) {
        double cr = 1.0;
        double ci = 0.0;
        for (int k = 0; k < len / 2; k++) {
          int a = offset + (start + k) * stride;
          int b = offset + (start + k + len / 2) * stride;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double nr = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = nr;
        }
      }
    }
    if (inverse) {
      for (int i = 0; i < n; i++) {
        int a = offset + i * stride;
        re[a] /= n;
        im[a] /= n;
      }
    }
  }

  /** 2-D transform of a row-major {@code rows x cols} array. */
  static void transform2d(double[] re, double[] im, int rows, int cols, boolean inverse) {
    for (int r = 0; r < rows; r++) {
      transform(re, im, r * cols, 1, cols, inverse);
    }
    for (int c = 0; c < cols; c++) {
      transform(re, im, c, cols, rows, inverse);
    }
  }
}
