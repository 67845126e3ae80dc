package org.asperity.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of an ONNX {@code ModelProto} that the artifact contract looks at (metadata_props, graph
 * inputs, outputs and initializer names), read straight from the protobuf wire format so that
 * validating a model needs neither protobuf-java nor the ONNX Runtime natives. Field numbers are
 * those of onnx/onnx.proto (IR version 8); everything else is skipped.
 */
final class OnnxModelProto {

  /** One graph input or output: name, tensor element type (0 if not a tensor) and shape. */
  record ValueInfo(String name, int elementType, List<Dim> dims, boolean hasShape) {}

  /** A shape dimension: a fixed size, or symbolic/unknown ({@code value < 0}). */
  record Dim(long value, String param) {
    boolean isFixed() {
      return value >= 0;
    }
  }

  /** ONNX {@code TensorProto.DataType.FLOAT}. */
  static final int ELEMENT_TYPE_FLOAT = 1;

  private static final int WIRE_VARINT = 0;
  private static final int WIRE_FIXED64 = 1;
  private static final int WIRE_LENGTH_DELIMITED = 2;
  private static final int WIRE_FIXED32 = 5;

  // ModelProto
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_METADATA_PROPS = 14;
  // GraphProto
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_INPUT = 11;
  private static final int GRAPH_OUTPUT = 12;
  // TensorProto
  private static final int TENSOR_NAME = 8;
  // ValueInfoProto
  private static final int VALUE_INFO_NAME = 1;
  private static final int VALUE_INFO_TYPE = 2;
  // TypeProto
  private static final int TYPE_TENSOR = 1;
  // TypeProto.Tensor
  private static final int TENSOR_TYPE_ELEM_TYPE = 1;
  private static final int TENSOR_TYPE_SHAPE = 2;
  // TensorShapeProto
  private static final int SHAPE_DIM = 1;
  // TensorShapeProto.Dimension
  private static final int DIM_VALUE = 1;
  private static final int DIM_PARAM = 2;
  // StringStringEntryProto
  private static final int ENTRY_KEY = 1;
  private static final int ENTRY_VALUE = 2;

  private final Map<String, String> metadata;
  private final boolean hasGraph;
  private final List<ValueInfo> inputs;
  private final List<ValueInfo> outputs;
  private final Set<String> initializerNames;

  private OnnxModelProto(
      Map<String, String> metadata,
      boolean hasGraph,
      List<ValueInfo> inputs,
      List<ValueInfo> outputs,
      Set<String> initializerNames) {
    this.metadata = Collections.unmodifiableMap(metadata);
    this.hasGraph = hasGraph;
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.initializerNames = Set.copyOf(initializerNames);
  }

  /** Parses a serialized ModelProto; throws {@link MalformedProtoException} on bad wire data. */
  static OnnxModelProto parse(byte[] bytes) {
    Map<String, String> metadata = new LinkedHashMap<>();
    List<ValueInfo> inputs = new ArrayList<>();
    List<ValueInfo> outputs = new ArrayList<>();
    Set<String> initializers = new HashSet<>();
    boolean hasGraph = false;
    Wire model = new Wire(bytes, 0, bytes.length);
    while (model.hasMore()) {
      int tag = model.tag();
      if (field(tag) == MODEL_METADATA_PROPS && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        readEntry(model.message(), metadata);
      } else if (field(tag) == MODEL_GRAPH && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        hasGraph = true;
        readGraph(model.message(), inputs, outputs, initializers);
      } else {
        model.skip(tag);
      }
    }
    return new OnnxModelProto(metadata, hasGraph, inputs, outputs, initializers);
  }

  Map<String, String> metadata() {
    return metadata;
  }

  boolean hasGraph() {
    return hasGraph;
  }

  /** Graph inputs that are not initializers, i.e. what a caller must feed. */
  List<ValueInfo> feedInputs() {
    return inputs.stream().filter(v -> !initializerNames.contains(v.name())).toList();
  }

  List<ValueInfo> outputs() {
    return outputs;
  }

  private static void readEntry(Wire entry, Map<String, String> metadata) {
    String key = "";
    String value = "";
    while (entry.hasMore()) {
      int tag = entry.tag();
      if (field(tag) == ENTRY_KEY && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        key = entry.string();
      } else if (field(tag) == ENTRY_VALUE && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        value = entry.string();
      } else {
        entry.skip(tag);
      }
    }
    metadata.put(key, value);
  }

  private static void readGraph(
      Wire graph, List<ValueInfo> inputs, List<ValueInfo> outputs, Set<String> initializers) {
    while (graph.hasMore()) {
      int tag = graph.tag();
      boolean delimited = wireType(tag) == WIRE_LENGTH_DELIMITED;
      if (field(tag) == GRAPH_INPUT && delimited) {
        inputs.add(readValueInfo(graph.message()));
      } else if (field(tag) == GRAPH_OUTPUT && delimited) {
        outputs.add(readValueInfo(graph.message()));
      } else if (field(tag) == GRAPH_INITIALIZER && delimited) {
        initializers.add(readTensorName(graph.message()));
      } else {
        graph.skip(tag);
      }
    }
  }

  private static String readTensorName(Wire tensor) {
    String name = "";
    while (tensor.hasMore()) {
      int tag = tensor.tag();
      if (field(tag) == TENSOR_NAME && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        name = tensor.string();
      } else {
        tensor.skip(tag);
      }
    }
    return name;
  }

  private static ValueInfo readValueInfo(Wire valueInfo) {
    String name = "";
    int elementType = 0;
    List<Dim> dims = new ArrayList<>();
    boolean hasShape = false;
    while (valueInfo.hasMore()) {
      int tag = valueInfo.tag();
      if (field(tag) == VALUE_INFO_NAME && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        name = valueInfo.string();
      } else if (field(tag) == VALUE_INFO_TYPE && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        Wire type = valueInfo.message();
        while (type.hasMore()) {
          int typeTag = type.tag();
          if (field(typeTag) == TYPE_TENSOR && wireType(typeTag) == WIRE_LENGTH_DELIMITED) {
            Wire tensorType = type.message();
            while (tensorType.hasMore()) {
              int t = tensorType.tag();
              if (field(t) == TENSOR_TYPE_ELEM_TYPE && wireType(t) == WIRE_VARINT) {
                elementType = (int) tensorType.varint();
              } else if (field(t) == TENSOR_TYPE_SHAPE && wireType(t) == WIRE_LENGTH_DELIMITED) {
                hasShape = true;
                readShape(tensorType.message(), dims);
              } else {
                tensorType.skip(t);
              }
            }
          } else {
            type.skip(typeTag);
          }
        }
      } else {
        valueInfo.skip(tag);
      }
    }
    return new ValueInfo(name, elementType, List.copyOf(dims), hasShape);
  }

  private static void readShape(Wire shape, List<Dim> dims) {
    while (shape.hasMore()) {
      int tag = shape.tag();
      if (field(tag) == SHAPE_DIM && wireType(tag) == WIRE_LENGTH_DELIMITED) {
        Wire dim = shape.message();
        long value = -1;
        String param = "";
        while (dim.hasMore()) {
          int t = dim.tag();
          if (field(t) == DIM_VALUE && wireType(t) == WIRE_VARINT) {
            value = dim.varint();
          } else if (field(t) == DIM_PARAM && wireType(t) == WIRE_LENGTH_DELIMITED) {
            param = dim.string();
          } else {
            dim.skip(t);
          }
        }
        dims.add(new Dim(value, param));
      } else {
        shape.skip(tag);
      }
    }
  }

  private static int field(int tag) {
    return tag >>> 3;
  }

  private static int wireType(int tag) {
    return tag & 7;
  }

  /** Bad protobuf wire data. */
  static final class MalformedProtoException extends RuntimeException {
    MalformedProtoException(String message) {
      super(message);
    }
  }

  /** A bounds-checked cursor over one protobuf message. */
  private static final class Wire {
    private final byte[] bytes;
    private int position;
    private final int limit;

    Wire(byte[] bytes, int offset, int limit) {
      this.bytes = bytes;
      this.position = offset;
      this.limit = limit;
    }

    boolean hasMore() {
      return position < limit;
    }

    int tag() {
      long tag = varint();
      if (tag <= 0 || tag > Integer.MAX_VALUE || (tag >>> 3) == 0) {
        throw new MalformedProtoException("invalid field tag " + tag + " at byte " + position);
      }
      return (int) tag;
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= limit) {
          throw new MalformedProtoException("truncated varint at byte " + position);
        }
        byte b = bytes[position++];
        result |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new MalformedProtoException("varint longer than 10 bytes at byte " + position);
    }

    Wire message() {
      int length = length();
      Wire sub = new Wire(bytes, position, position + length);
      position += length;
      return sub;
    }

    String string() {
      int length = length();
      String s = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return s;
    }

    private int length() {
      long length = varint();
      if (length < 0 || length > limit - position) {
        throw new MalformedProtoException(
            "length " + length + " overruns the message at byte " + position);
      }
      return (int) length;
    }

    void skip(int tag) {
      switch (wireType(tag)) {
        case WIRE_VARINT -> varint();
        case WIRE_FIXED64 -> advance(8);
        case WIRE_LENGTH_DELIMITED -> advance(length());
        case WIRE_FIXED32 -> advance(4);
        default ->
            throw new MalformedProtoException(
                "unsupported wire type " + wireType(tag) + " at byte " + position);
      }
    }

    private void advance(int n) {
      if (n > limit - position) {
        throw new MalformedProtoException("field overruns the message at byte " + position);
      }
      position += n;
    }
  }
}
