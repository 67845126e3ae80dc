package org.asperity.job.catalog;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * The catalog input of a job that reads no catalog: emits nothing, so the topology keeps its shape
 * (and its operators' state) with or without the catalog topic.
 */
public final class NoCatalog<T> implements FlatMapFunction<T, CatalogRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public void flatMap(T value, Collector<CatalogRecord> out) {}
}
