<?xml version='1.0' encoding='utf-8'?>
<q:quakeml xmlns="http://quakeml.org/xmlns/bed/1.2" xmlns:anss="http://anss.org/xmlns/event/0.1" xmlns:catalog="http://anss.org/xmlns/catalog/0.1" xmlns:q="http://quakeml.org/xmlns/quakeml/1.2">
  <eventParameters publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?starttime=2016-12-06T06%3A35%3A59.992583&amp;endtime=2016-12-11T23%3A59%3A59.992583&amp;minmagnitude=5.85&amp;orderby=time-asc">
    <creationInfo>
      <creationTime>2022-06-02T10:42:43.000000Z</creationTime>
    </creationInfo>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us10007ggp&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="10007ggp">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us10007ggp/us/1488524765040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us10007ggp/us/1488524765040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>24 km SW of Scarborough, Trinidad and Tobago</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:05.669000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us10007ggp/us/1488524765040/product.xml" catalog:datasource="us" catalog:dataid="us10007ggp" catalog:eventsource="us" catalog:eventid="10007ggp">
        <time>
          <value>2016-12-06T21:42:20.760000Z</value>
        </time>
        <latitude>
          <value>11.0316</value>
        </latitude>
        <longitude>
          <value>-60.9005</value>
        </longitude>
        <depth>
          <value>31750.0</value>
          <uncertainty>3200.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>481</usedPhaseCount>
          <standardError>1.22</standardError>
          <azimuthalGap>29.0</azimuthalGap>
          <minimumDistance>1.319</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:05.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>6200.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us10007ggp/us/1488524765040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us10007ggp" catalog:eventsource="us" catalog:eventid="10007ggp">
        <mag>
          <value>5.9</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us10007ggp/us/1488524765040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:05.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us10007ghm&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="10007ghm">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us10007ghm/us/1488524765040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us10007ghm/us/1488524765040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>14 km WNW of Reuleuet, Indonesia</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:11.730000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us10007ghm/us/1488524765040/product.xml" catalog:datasource="us" catalog:dataid="us10007ghm" catalog:eventsource="us" catalog:eventid="10007ghm">
        <time>
          <value>2016-12-06T22:03:33.390000Z</value>
        </time>
        <latitude>
          <value>5.2834</value>
        </latitude>
        <longitude>
          <value>96.1678</value>
        </longitude>
        <depth>
          <value>13000.0</value>
          <uncertainty>200.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>403</usedPhaseCount>
          <standardError>1.13</standardError>
          <azimuthalGap>27.0</azimuthalGap>
          <minimumDistance>0.778</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:05.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>5600.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us10007ghm/us/1488524765040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us10007ghm" catalog:eventsource="us" catalog:eventid="10007ghm">
        <mag>
          <value>6.5</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us10007ghm/us/1488524765040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:05.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z2r&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007z2r">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007z2r/us/1488524768040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007z2r/us/1488524768040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>58 km SSE of Shihezi, China</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:17.698000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z2r/us/1488524768040/product.xml" catalog:datasource="us" catalog:dataid="us20007z2r" catalog:eventsource="us" catalog:eventid="20007z2r">
        <time>
          <value>2016-12-08T05:15:04.600000Z</value>
        </time>
        <latitude>
          <value>43.8229</value>
        </latitude>
        <longitude>
          <value>86.3451</value>
        </longitude>
        <depth>
          <value>17550.0</value>
          <uncertainty>2900.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>219</usedPhaseCount>
          <standardError>0.82</standardError>
          <azimuthalGap>25.0</azimuthalGap>
          <minimumDistance>4.123</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>7400.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z2r/us/1488524768040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007z2r" catalog:eventsource="us" catalog:eventid="20007z2r">
        <mag>
          <value>6.0</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007z2r/us/1488524768040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z6r&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007z6r">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007z6r/us/1488524768040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007z6r/us/1488524768040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>164 km W of Ferndale, California</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:29.554000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z6r/us/1488524768040/product.xml" catalog:datasource="us" catalog:dataid="us20007z6r" catalog:eventsource="us" catalog:eventid="20007z6r">
        <time>
          <value>2016-12-08T14:49:45.910000Z</value>
        </time>
        <latitude>
          <value>40.4535</value>
        </latitude>
        <longitude>
          <value>-126.1936</value>
        </longitude>
        <depth>
          <value>8450.0</value>
          <uncertainty>2400.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>142</usedPhaseCount>
          <standardError>1.11</standardError>
          <azimuthalGap>55.0</azimuthalGap>
          <minimumDistance>1.405</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>6100.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z6r/us/1488524768040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007z6r" catalog:eventsource="us" catalog:eventid="20007z6r">
        <mag>
          <value>6.6</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007z6r/us/1488524768040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007z80&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007z80">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007z80/us/1488524768040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007z80/us/1488524768040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>69 km WSW of Kirakira, Solomon Islands</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:56:20.197000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z80/us/1488524768040/product.xml" catalog:datasource="us" catalog:dataid="us20007z80" catalog:eventsource="us" catalog:eventid="20007z80">
        <time>
          <value>2016-12-08T17:38:46.280000Z</value>
        </time>
        <latitude>
          <value>-10.6812</value>
        </latitude>
        <longitude>
          <value>161.3273</value>
        </longitude>
        <depth>
          <value>40000.0</value>
          <uncertainty>1800.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>779</usedPhaseCount>
          <standardError>0.88</standardError>
          <azimuthalGap>13.0</azimuthalGap>
          <minimumDistance>1.836</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>8300.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007z80/us/1488524768040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007z80" catalog:eventsource="us" catalog:eventid="20007z80">
        <mag>
          <value>7.8</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007z80/us/1488524768040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:08.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007zbn&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007zbn">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007zbn/us/1488524770040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007zbn/us/1488524770040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>79 km WSW of Kirakira, Solomon Islands</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:36.713000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zbn/us/1488524770040/product.xml" catalog:datasource="us" catalog:dataid="us20007zbn" catalog:eventsource="us" catalog:eventid="20007zbn">
        <time>
          <value>2016-12-08T21:56:07.500000Z</value>
        </time>
        <latitude>
          <value>-10.8416</value>
        </latitude>
        <longitude>
          <value>161.3137</value>
        </longitude>
        <depth>
          <value>12260.0</value>
          <uncertainty>1500.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>352</usedPhaseCount>
          <standardError>0.98</standardError>
          <azimuthalGap>18.0</azimuthalGap>
          <minimumDistance>1.937</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:10.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>7100.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zbn/us/1488524770040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007zbn" catalog:eventsource="us" catalog:eventid="20007zbn">
        <mag>
          <value>6.5</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007zbn/us/1488524770040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-03T07:06:10.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007zlq&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007zlq">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007zlq/us/1489025664040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007zlq/us/1489025664040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>92 km WSW of Kirakira, Solomon Islands</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:56:21.545000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zlq/us/1489025664040/product.xml" catalog:datasource="us" catalog:dataid="us20007zlq" catalog:eventsource="us" catalog:eventid="20007zlq">
        <time>
          <value>2016-12-09T19:10:06.840000Z</value>
        </time>
        <latitude>
          <value>-10.749</value>
        </latitude>
        <longitude>
          <value>161.1316</value>
        </longitude>
        <depth>
          <value>19730.0</value>
          <uncertainty>2600.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>254</usedPhaseCount>
          <standardError>0.88</standardError>
          <azimuthalGap>26.0</azimuthalGap>
          <minimumDistance>1.747</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:24.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>7000.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zlq/us/1489025664040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007zlq" catalog:eventsource="us" catalog:eventid="20007zlq">
        <mag>
          <value>6.9</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007zlq/us/1489025664040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:24.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007zm1&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007zm1">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007zm1/us/1489025665040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007zm1/us/1489025665040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>87 km SW of Kirakira, Solomon Islands</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:04:54.908000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zm1/us/1489025665040/product.xml" catalog:datasource="us" catalog:dataid="us20007zm1" catalog:eventsource="us" catalog:eventid="20007zm1">
        <time>
          <value>2016-12-09T19:43:24.070000Z</value>
        </time>
        <latitude>
          <value>-10.9694</value>
        </latitude>
        <longitude>
          <value>161.3076</value>
        </longitude>
        <depth>
          <value>18380.0</value>
          <uncertainty>3300.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>171</usedPhaseCount>
          <standardError>0.76</standardError>
          <azimuthalGap>52.0</azimuthalGap>
          <minimumDistance>2.026</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:25.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>6600.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007zm1/us/1489025665040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007zm1" catalog:eventsource="us" catalog:eventid="20007zm1">
        <mag>
          <value>5.9</value>
          <uncertainty>0.061</uncertainty>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007zm1/us/1489025665040/product.xml</originID>
        <stationCount>26</stationCount>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:25.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
    <event publicID="quakeml:earthquake.usgs.gov/fdsnws/event/1/query?eventid=us20007ztn&amp;format=quakeml" catalog:datasource="us" catalog:eventsource="us" catalog:eventid="20007ztn">
      <preferredOriginID>quakeml:earthquake.usgs.gov/product/origin/us20007ztn/us/1489025666040/product.xml</preferredOriginID>
      <preferredMagnitudeID>quakeml:earthquake.usgs.gov/product/origin/us20007ztn/us/1489025666040/product.xml#magnitude</preferredMagnitudeID>
      <type>earthquake</type>
      <description>
        <text>133 km WNW of Panguna, Papua New Guinea</text>
        <type>earthquake name</type>
      </description>
      <creationInfo>
        <agencyID>us</agencyID>
        <creationTime>2022-05-03T18:56:22.707000Z</creationTime>
      </creationInfo>
      <origin publicID="quakeml:earthquake.usgs.gov/product/origin/us20007ztn/us/1489025666040/product.xml" catalog:datasource="us" catalog:dataid="us20007ztn" catalog:eventsource="us" catalog:eventid="20007ztn">
        <time>
          <value>2016-12-10T16:24:34.970000Z</value>
        </time>
        <latitude>
          <value>-5.6593</value>
        </latitude>
        <longitude>
          <value>154.4734</value>
        </longitude>
        <depth>
          <value>142580.0</value>
          <uncertainty>3900.0</uncertainty>
        </depth>
        <quality>
          <usedPhaseCount>222</usedPhaseCount>
          <standardError>0.8</standardError>
          <azimuthalGap>13.0</azimuthalGap>
          <minimumDistance>2.724</minimumDistance>
        </quality>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:26.040000Z</creationTime>
        </creationInfo>
        <originUncertainty>
          <preferredDescription>horizontal uncertainty</preferredDescription>
          <horizontalUncertainty>8600.0</horizontalUncertainty>
        </originUncertainty>
      </origin>
      <magnitude publicID="quakeml:earthquake.usgs.gov/product/origin/us20007ztn/us/1489025666040/product.xml#magnitude" catalog:datasource="us" catalog:dataid="us20007ztn" catalog:eventsource="us" catalog:eventid="20007ztn">
        <mag>
          <value>6.0</value>
        </mag>
        <type>mww</type>
        <originID>quakeml:earthquake.usgs.gov/product/origin/us20007ztn/us/1489025666040/product.xml</originID>
        <evaluationMode>manual</evaluationMode>
        <creationInfo>
          <agencyID>us</agencyID>
          <creationTime>2017-03-09T02:14:26.040000Z</creationTime>
        </creationInfo>
      </magnitude>
    </event>
  </eventParameters>
</q:quakeml>
